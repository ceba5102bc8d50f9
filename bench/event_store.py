"""Event-store benchmark: the kit's append rate and relay latency, each beside a plain baseline in the same run."""

from __future__ import annotations

import argparse
import sys
import uuid
from dataclasses import dataclass, replace
from datetime import datetime, timezone

from tqdm import tqdm

import relay_latency
import replay
import roundtrips
from append_writers import CellResult, median_cell, run_cell
from benchlib import (LIBRARY_PYTHON, StackNotRunning, Target, bench_run, check_stack, fmt, git_revision, machine_description,
                      markdown_table, prepare_database, ratio)
from relay_latency import LatencyResult, Scenario, median_latency


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=5.0, help="length of each measured cell (default 5)")
    parser.add_argument("--quick", action="store_true", help="smoke run: 1 s cells and a small burst")
    parser.add_argument("--repeat", type=int, default=1, help="repetitions per cell; medians are shown")
    parser.add_argument("--writers", default="1,4,16", help="writer process counts (default 1,4,16)")
    parser.add_argument("--no-batch", action="store_true", help="skip the 100-events-per-transaction cells")
    parser.add_argument("--no-appends", action="store_true", help="skip the append-rate part")
    parser.add_argument("--no-relay", action="store_true", help="skip the relay latency part")
    parser.add_argument("--no-library", action="store_true",
                        help="skip the eventsourcing library's recorder (also skipped when .venv-es is missing)")
    parser.add_argument("--no-replay", action="store_true", help="skip the replay part")
    parser.add_argument("--keep-database", action="store_true",
                        help="append to the bench database as it is instead of making it anew (the default)")
    parser.add_argument("--replay-events", type=int, default=50_000, help="events the replay part reads back")
    parser.add_argument("--relay-rates", default="50,200",
                        help="steady rates, events/s over all writers, one scenario each (default 50,200)")
    parser.add_argument("--relay-writers", type=int, default=2, help="writers of the steady scenario")
    parser.add_argument("--burst-writers", type=int, default=4, help="writers of the burst scenario")
    parser.add_argument("--burst-events", type=int, default=250, help="events per burst writer, sent flat out")
    parser.add_argument("--backlog-events", type=int, default=5000, help="events the relay publishes as a backlog")
    args = parser.parse_args(argv)
    if args.quick:
        args.seconds = 1.0
        args.burst_events = min(args.burst_events, 50)
        args.backlog_events = min(args.backlog_events, 1000)
        args.replay_events = min(args.replay_events, 10_000)
    if not LIBRARY_PYTHON.exists():
        print(f"{LIBRARY_PYTHON} missing (`make bench-es-venv`): the library's recorder is left out", file=sys.stderr)
        args.no_library = True
    args.writer_counts = [int(w) for w in args.writers.split(",")]
    args.relay_rate_list = [float(r) for r in args.relay_rates.split(",")]
    return args


# -- part 1: appends per second ---------------------------------------------------------------------------

def run_appends(target: Target, args, run_id: str, batches: list[int]) -> dict[tuple[str, int, int], CellResult]:
    """Every (kind, writers, batch) cell `--repeat` times; the kinds alternate so drift hits all of them."""
    kinds = ("plain", "store", "store-tx") if args.no_library else ("plain", "library", "store", "store-tx")
    cells = [(kind, writers, batch) for batch in batches for writers in args.writer_counts for kind in kinds]
    runs: dict[tuple[str, int, int], list[CellResult]] = {cell: [] for cell in cells}
    stream_type = f"bench{run_id}"
    with tqdm(total=len(cells) * args.repeat, desc="appends", unit="cell", file=sys.stderr) as bar:
        for rep in range(args.repeat):
            for kind, writers, batch in cells:
                bar.set_postfix_str(f"{kind}, {writers} writer(s), {batch} ev/tx")
                result = run_cell(kind, target, writers=writers, batch=batch, seconds=args.seconds,
                                  stream_type=stream_type, cell=f"{run_id}-{kind}{writers}b{batch}r{rep}")
                runs[(kind, writers, batch)].append(result)
                bar.update()
    return {cell: median_cell(results) for cell, results in runs.items()}


def appends_table(cells: dict, writer_counts: list[int], batch: int) -> str:
    rows = []
    for writers in writer_counts:
        plain, store = cells[("plain", writers, batch)], cells[("store", writers, batch)]
        in_tx = cells[("store-tx", writers, batch)]
        library = cells.get(("library", writers, batch))
        rows.append([str(writers), fmt(plain.events_per_second),
                     fmt(library.events_per_second) if library else "–", fmt(store.events_per_second),
                     ratio(store.events_per_second, plain.events_per_second),
                     ratio(store.events_per_second, library.events_per_second) if library else "–",
                     fmt(in_tx.events_per_second),
                     ratio(in_tx.events_per_second, library.events_per_second) if library else "–"])
    return markdown_table(["writers", "plain INSERT ev/s", "eventsourcing psycopg 3 ev/s",
                           "event store ev/s (`append_alone`)", "store/plain", "**store/library**",
                           "store in a caller's transaction ev/s", "in caller's tx/library"], rows)


def one_writer_table(cells: dict, trips: dict[str, float]) -> str:
    """Latency and what one append costs, 1 writer, 1 event per transaction."""
    plain, store = cells.get(("plain", 1, 1)), cells.get(("store", 1, 1))
    in_tx = cells.get(("store-tx", 1, 1))
    if plain is None or store is None or in_tx is None:
        return "(no 1-writer cells in this run)"
    rows = []
    for name, cell, trip in (("plain INSERT", plain, trips.get("plain")),
                             ("event store, `append_alone`", store, trips.get("store")),
                             ("event store, `append` in a caller's transaction", in_tx, trips.get("store-tx"))):
        rows.append([name, fmt(cell.p50_ms, 2), fmt(cell.p99_ms, 2), fmt(trip, 0),
                     fmt(cell.client_cpu_ms_per_event, 3), fmt(cell.server_cpu_ms_per_event, 3)])
    rows.append(["ratio (store/plain)", ratio(store.p50_ms, plain.p50_ms), ratio(store.p99_ms, plain.p99_ms),
                 ratio(trips.get("store"), trips.get("plain")),
                 ratio(store.client_cpu_ms_per_event, plain.client_cpu_ms_per_event),
                 ratio(store.server_cpu_ms_per_event, plain.server_cpu_ms_per_event)])
    return markdown_table(["1 writer, 1 event/tx", "p50 ms", "p99 ms", "round trips",
                           "client CPU ms/event", "PostgreSQL backend CPU ms/event"], rows)


def cpu_table(cells: dict, writer_counts: list[int], batches: list[int]) -> str:
    """Where the time goes as writers are added: CPU per event on each side of the connection."""
    rows = []
    for batch in batches:
        for writers in writer_counts:
            for kind in ("plain", "library", "store", "store-tx"):
                cell = cells.get((kind, writers, batch))
                if cell is not None:
                    rows.append([f"{writers} × {batch}", kind, fmt(cell.client_cpu_ms_per_event, 3),
                                 fmt(cell.server_cpu_ms_per_event, 3), fmt(cell.p50_ms, 2), fmt(cell.p99_ms, 2)])
    return markdown_table(["writers × events/tx", "writer", "client CPU ms/ev", "backend CPU ms/ev", "p50 ms/tx",
                           "p99 ms/tx"], rows)


def append_sections(target: Target, args, run_id: str, trips: dict[str, float]) -> list[str]:
    batches = [1] if args.no_batch else [1, 100]
    cells = run_appends(target, args, run_id, batches)
    sections = [f"### Appends, 1 event per transaction (events/s, {args.seconds:g} s cells)\n\n"
                + appends_table(cells, args.writer_counts, 1)]
    if not args.no_batch:
        sections.append(f"### Appends, 100 events per transaction (events/s, {args.seconds:g} s cells)\n\n"
                        + appends_table(cells, args.writer_counts, 100))
    sections.append("### One writer, one event per transaction\n\n" + one_writer_table(cells, trips))
    sections.append("### CPU per event and latency per transaction, all cells\n\n"
                    + cpu_table(cells, args.writer_counts, batches))
    return sections


# -- replay -------------------------------------------------------------------------------------------------

def replay_section(target: Target, args, run_id: str) -> str:
    """One reader through `--replay-events` in pages of 1,000: the store, its own SQL raw, and the library."""
    stream_type = f"replay{run_id}"
    print(f"replay: writing {args.replay_events:,} events", file=sys.stderr)
    start = replay.write_log(target, stream_type, f"{run_id}-replay", args.replay_events)
    found = [replay.replay_raw(target, start, 1000), replay.replay_store(target, start, 1000)]
    if not args.no_library:
        found.append(replay.replay_library(target, args.replay_events, 1000))
    raw, store = found[0], found[1]
    library = found[2] if len(found) > 2 else None
    rows = [[r.path, f"{r.events:,}", fmt(r.events_per_second), fmt(r.ms_per_page, 2), fmt(r.client_ms_per_page, 2),
             fmt(r.server_ms_per_page, 2)] for r in found]
    rows.append(["ratio store/raw", "", ratio(store.events_per_second, raw.events_per_second), "", "", ""])
    if library:
        rows.append(["**ratio store/library**", "", ratio(store.events_per_second, library.events_per_second),
                     "", "", ""])
    return ("### Replay, one reader, pages of 1,000\n\n"
            + markdown_table(["reader", "events", "events/s", "ms/page", "client CPU ms/page",
                              "backend CPU ms/page"], rows))


# -- round trips ------------------------------------------------------------------------------------------

# Why the statements that are not the work itself are there (read from the kit and the drivers).
_WHY = {
    ";": " — the pool's ping of a connection handed out after a second or more idle (`make_engine`)",
    "BEGIN": " — psycopg opens each transaction with a statement of its own",
}


def roundtrip_text(found: list[roundtrips.RoundTrips]) -> str:
    lines = []
    for item in found:
        lines.append(f"- **{item.label}: {item.per_transaction:g} round trips**")
        for statement, n in item.statements:
            compiled = item.compile_ms.get(statement)
            note = (f" — compiled anew on every call (SQLAlchemy finds no cache key): {compiled:.2f} ms of client CPU"
                    if compiled is not None else _WHY.get(statement, ""))
            lines.append(f"  - {n:g} × `{statement}`{note}")
    return "\n".join(lines)


# -- part 2: relay latency --------------------------------------------------------------------------------

def scenarios(args) -> list[Scenario]:
    steady = [Scenario(f"steady{rate:g}", args.relay_writers,
                       int(rate / args.relay_writers * args.seconds), rate / args.relay_writers)
              for rate in args.relay_rate_list]
    return steady + [Scenario("burst", args.burst_writers, args.burst_events, None)]


def describe(scenario: Scenario, seconds: float) -> str:
    if scenario.rate:
        return (f"steady {scenario.rate * scenario.writers:g} ev/s, {scenario.writers} writers, "
                f"{seconds:g} s")
    return f"burst {scenario.writers} × {scenario.count}, store writers flat out; raw paced to match"


@dataclass
class LatencyFindings:
    scenarios: list[tuple[Scenario, LatencyResult, LatencyResult]]  # (scenario, raw, relay)
    backlog: tuple[LatencyResult, LatencyResult] | None  # (raw, relay)


def run_latency(target: Target, args, run_id: str, topics: list[str]) -> LatencyFindings:
    plans = scenarios(args)
    runs: dict[tuple[str, str], list[LatencyResult]] = {}
    with tqdm(total=(len(plans) + 1) * 2 * args.repeat, desc="relay", unit="run", file=sys.stderr) as bar:
        for rep in range(args.repeat):
            for scenario in plans:
                named = Scenario(f"{scenario.name}r{rep}", scenario.writers, scenario.count, scenario.rate)
                bar.set_postfix_str(f"{scenario.name}, relay")
                relay = relay_latency.run_relay(target, named, run_id, topics)
                bar.update()
                # A burst's raw producers offer what the store writers managed, so both paths carry one load.
                rate = named.rate or relay.offered_per_second / named.writers
                bar.set_postfix_str(f"{scenario.name}, raw")
                raw = relay_latency.run_raw(target, replace(named, rate=rate), run_id, topics)
                bar.update()
                runs.setdefault((scenario.name, "relay"), []).append(relay)
                runs.setdefault((scenario.name, "raw"), []).append(raw)
            bar.set_postfix_str("backlog, relay")
            runs.setdefault(("backlog", "relay"), []).append(
                relay_latency.run_relay_backlog(target, args.backlog_events, run_id, topics, rep))
            bar.update()
            bar.set_postfix_str("backlog, raw")
            runs.setdefault(("backlog", "raw"), []).append(
                relay_latency.run_raw_backlog(target, args.backlog_events, run_id, topics, rep))
            bar.update()
    return LatencyFindings(
        scenarios=[(s, median_latency(runs[(s.name, "raw")]), median_latency(runs[(s.name, "relay")]))
                   for s in plans],
        backlog=(median_latency(runs[("backlog", "raw")]), median_latency(runs[("backlog", "relay")])),
    )


def latency_table(found: LatencyFindings, seconds: float) -> str:
    rows = []
    for scenario, raw, relay in found.scenarios:
        name = describe(scenario, seconds)
        for result in (raw, relay):
            rows.append([name, result.path, f"{result.delivered:,}/{result.events:,}",
                         fmt(result.offered_per_second), fmt(result.delivered_per_second), fmt(result.p50_ms, 1),
                         fmt(result.p99_ms, 1), fmt(result.max_ms, 1)])
            name = ""
        rows.append(["", "ratio (relay/raw)", "", "", "", ratio(relay.p50_ms, raw.p50_ms),
                     ratio(relay.p99_ms, raw.p99_ms), ratio(relay.max_ms, raw.max_ms)])
    return markdown_table(["scenario", "path", "received (all runs)", "offered ev/s", "delivered ev/s", "p50 ms",
                           "p99 ms", "max ms"], rows)


def backlog_table(found: LatencyFindings, count: int) -> str:
    raw, relay = found.backlog
    rows = [[f"raw producer (one, as the relay has), {count:,} messages sent flat out",
             f"{raw.delivered:,}/{raw.events:,}", fmt(raw.drain_per_second)],
            [f"relay, {count:,} events committed before it starts", f"{relay.delivered:,}/{relay.events:,}",
             fmt(relay.drain_per_second)],
            ["ratio (relay/raw)", "", ratio(relay.drain_per_second, raw.drain_per_second)]]
    return markdown_table(["backlog", "received (all runs)", "published ev/s (first → last receipt)"], rows)


def stage_table(found: LatencyFindings, seconds: float) -> str:
    """Where the relay's latency goes, per event, from timestamps taken around its read and its send."""
    rows, notes = [], []
    for scenario, _, relay in found.scenarios:
        name = describe(scenario, seconds)
        for stage, (p50, p99) in relay.stages.items():
            rows.append([name, stage, fmt(p50, 1), fmt(p99, 1)])
            name = ""
        notes.append(f"- {describe(scenario, seconds)}: {relay.polls:,} polls; events a poll after their commit "
                     f"did not return (horizon or full batch): {fmt(relay.held_back * 100, 1)} %; the relay's own "
                     f"`ecosafe_relay_commit_to_ack_seconds` (from `occurred_at`, bucket bounds): "
                     f"p50 {relay.metric_p50} ms, p99 {relay.metric_p99} ms")
    return markdown_table(["scenario", "relay stage", "p50 ms", "p99 ms"], rows) + "\n\n" + "\n".join(notes)


def latency_section(target: Target, args, run_id: str) -> str:
    topics: list[str] = []
    try:
        found = run_latency(target, args, run_id, topics)
    finally:
        relay_latency.delete_topics(target.kafka, topics)
    return ("### Relay: commit → consumer receipt, against a raw producer\n\n"
            + latency_table(found, args.seconds) + "\n\nThe relay's time per event, by stage:\n\n"
            + stage_table(found, args.seconds) + "\n\nPublishing a backlog (throughput, not latency):\n\n"
            + backlog_table(found, args.backlog_events))


# -- the run ----------------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        check_stack()
    except StackNotRunning as exc:
        print(exc, file=sys.stderr)
        return 2
    target = prepare_database(fresh=not args.keep_database)
    run_id = uuid.uuid4().hex[:8]
    started = datetime.now(timezone.utc).astimezone()
    machine, revision = machine_description(target), git_revision()  # the kit as imported now, at the start
    print(f"EcoSafe event-store benchmark {run_id}, {started:%Y-%m-%d %H:%M %Z}\n{machine}\n"
          f"cells of {args.seconds:g} s, writers {args.writer_counts}, repeat {args.repeat}, kit at {revision}")
    with bench_run(target):
        sections = run_all(target, args, run_id)
    print(f"\n{'=' * 30} summary (Markdown) {'=' * 30}\n")
    print(f"## `event_store.py` results, {started:%Y-%m-%d}\n\n{machine}. Run `{run_id}`: `bench/event_store.py "
          f"{' '.join(argv if argv is not None else sys.argv[1:])}`, cells of {args.seconds:g} s, medians of "
          f"{args.repeat} run(s), kit at {revision}.\n")
    print("\n\n".join(sections))
    return 0


def run_all(target: Target, args, run_id: str) -> list[str]:
    """Every part, each printed as it finishes; returns the sections of the summary in reading order."""
    found_trips = roundtrips.measure(target, f"bench{run_id}", run_id)
    trips = {found.kind: found.per_transaction for found in found_trips if found.batch == 1}
    trips_section = "### Round trips per transaction\n\n" + roundtrip_text(found_trips)
    print("\n" + trips_section)

    # Latency first: it suffers most from what heavy appends leave behind (autovacuum, dirty buffers).
    relay_section = None if args.no_relay else latency_section(target, args, run_id)
    if relay_section:
        print("\n" + relay_section)
    replay_text = None if args.no_replay else replay_section(target, args, run_id)
    if replay_text:
        print("\n" + replay_text)
    sections = [] if args.no_appends else append_sections(target, args, run_id, trips)
    if replay_text:
        sections.append(replay_text)
    for section in sections:
        print("\n" + section)
    sections.append(trips_section)
    if relay_section:
        sections.append(relay_section)
    return sections


if __name__ == "__main__":
    sys.exit(main())
