"""Where a measured page spends its time: ``python -m bench.profile CASE [--runs N] [--warm | --after-save]``.

Runs the case N times under pyinstrument (a development tool, not a project dependency:
``.venv/bin/pip install pyinstrument``) and prints the call tree. By default each run is cold:
every cache is emptied before it, as a page is met after a deploy or a restart. ``--after-save``
precedes each run by a council member saving scores through the admin form (the ranking moves
on, so cached tables are stale: the page as leaders meet it during scoring); ``--warm`` profiles
the page as met again, with whatever it cached. Only the case's own runs are profiled, not what
prepares them.

Cases: ``ranking``, ``ranking-collective``, ``ranking-all``, ``explain``, ``scoring``, ``save``
(the scoring form's POST), ``export``, ``compile``.
"""

import argparse
from functools import partial

from bench import cases


def _page(url, client_factory=cases.leader):
    client = client_factory()
    return partial(cases.get, client, url)


CASES = {
    "ranking": lambda: _page(cases.ranking_url("ca-nhan")),
    "ranking-collective": lambda: _page(cases.ranking_url("tap-the")),
    "ranking-all": lambda: _page(cases.ranking_url("ca-nhan", everyone=True)),
    "explain": lambda: _page(cases.explain_url("ca-nhan")),
    "scoring": lambda: _page(cases.scoring_url(), cases.member),
    "save": lambda: cases.saving_scores(cases.member()),
    "export": lambda: _page(cases.export_url("ca-nhan")),
    "compile": lambda: partial(cases.compile_list, cases.bench_campaign()),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("case", choices=CASES)
    parser.add_argument("--runs", type=int, default=5)
    way = parser.add_mutually_exclusive_group()
    way.add_argument("--warm", action="store_true", help="keep the caches: the page as met again")
    way.add_argument("--after-save", action="store_true", help="a member saves scores before each run")
    parser.add_argument("--all", action="store_true", help="show library frames too")
    options = parser.parse_args()
    try:
        from pyinstrument import Profiler
    except ImportError:
        raise SystemExit("pyinstrument is not installed: .venv/bin/pip install pyinstrument") from None
    action = CASES[options.case]()
    campaign = cases.bench_campaign()
    save = cases.saving_scores(cases.member()) if options.after_save else None

    def prepare():
        if options.case == "compile":
            cases.forget_lists(campaign)
        if save:
            save()
        elif not options.warm:
            cases.forget_cached_pages()

    prepare()
    action()  # warm-up: connections, imports, the process's first queries
    profiler = Profiler()
    for _ in range(options.runs):
        prepare()
        profiler.start()
        action()
        profiler.stop()
    print(f"{'warm' if options.warm else 'after a save' if save else 'cold'}, {options.runs} runs")
    print(profiler.output_text(unicode=True, color=False, show_all=options.all))


if __name__ == "__main__":
    main()
