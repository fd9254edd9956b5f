"""The project's URLconf read as a list, for tests that must cover every URL."""

from typing import NamedTuple

from django.urls import URLResolver, get_resolver


class Route(NamedTuple):
    namespace: str | None
    name: str | None  # "namespace:name" for a namespaced URL, None for an unnamed one
    route: str


def routes() -> list[Route]:
    """Every URL pattern of the project with its full route, named or not."""
    found = []

    def walk(patterns, namespace, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace, prefix + str(pattern.pattern))
            else:
                name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
                found.append(Route(namespace, name, prefix + str(pattern.pattern)))

    walk(get_resolver().url_patterns, None, "")
    return found
