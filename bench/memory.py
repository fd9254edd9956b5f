"""Peak memory of one case in a process of its own; ``run`` starts it: ``python -m bench.memory CASE``.

Cases: ``compile`` (the nominee list, compiled afresh), ``export`` (the Excel export of the full
ranking of individuals, read to the end), ``nominee-export`` (the official nominee list in Excel,
read to the end), ``floor --rows FILE`` (the rows of a JSON-lines file,
read one at a time and streamed with openpyxl's write-only mode).
"""

import argparse
import json

from bench import cases
from bench.measure import report_memory


def compile_case(options):
    campaign = cases.bench_campaign()
    cases.forget_lists(campaign)
    return lambda: cases.compile_list(campaign)


def export_case(options):
    client, url = cases.leader(), cases.export_url("ca-nhan")
    return lambda: cases.get(client, url)


def nominee_export_case(options):
    client, url = cases.leader(), cases.nominee_export_url()
    return lambda: cases.get(client, url)


def floor_case(options):
    def stream():
        with open(options.rows, encoding="utf-8") as lines:
            cases.write_only(json.loads(line) for line in lines)

    return stream


CASES = {"compile": compile_case, "export": export_case, "nominee-export": nominee_export_case, "floor": floor_case}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("case", choices=CASES)
    parser.add_argument("--rows", help="the floor's rows, one JSON list a line")
    parser.add_argument("--trace", action="store_true", help="also report tracemalloc's peak")
    options = parser.parse_args()
    report_memory(CASES[options.case](options), trace=options.trace)


if __name__ == "__main__":
    main()
