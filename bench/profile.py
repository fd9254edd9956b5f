"""Where a measured page spends its time: ``python -m bench.profile CASE [--runs N]``.

Runs the case N times under pyinstrument (a development tool, not a project dependency:
``.venv/bin/pip install pyinstrument``) and prints the call tree. Cases: ``ranking``,
``ranking-all``, ``explain``, ``scoring``, ``export``, ``compile``.
"""

import argparse
from functools import partial

from bench import cases


def _page(url, client_factory=cases.leader):
    client = client_factory()
    return partial(cases.get, client, url)


CASES = {
    "ranking": lambda: _page(cases.ranking_url("ca-nhan")),
    "ranking-all": lambda: _page(cases.ranking_url("ca-nhan", everyone=True)),
    "explain": lambda: _page(cases.explain_url("ca-nhan")),
    "scoring": lambda: _page(cases.scoring_url(), cases.member),
    "export": lambda: _page(cases.export_url("ca-nhan")),
    "compile": lambda: partial(cases.compile_list, cases.bench_campaign()),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("case", choices=CASES)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--all", action="store_true", help="show library frames too")
    options = parser.parse_args()
    try:
        from pyinstrument import Profiler
    except ImportError:
        raise SystemExit("pyinstrument is not installed: .venv/bin/pip install pyinstrument") from None
    action = CASES[options.case]()
    action()  # warm-up
    campaign = cases.bench_campaign()
    with Profiler() as profiler:
        for _ in range(options.runs):
            if options.case == "compile":
                cases.forget_lists(campaign)
            action()
    print(profiler.output_text(unicode=True, color=False, show_all=options.all))


if __name__ == "__main__":
    main()
