"""A playing frame of the decision-boundaries playground at its largest network (4 hidden
layers of 8) costs the main thread at most 8 ms on an idle machine (issue 22).

The time is the renderer main thread's CPU time from a Chromium trace (thread time, as
`make bench` measures it: what the page costs, whatever else the machine runs), from the
start of a frame's training and redraw until the browser has painted it. The bound asserted
is twice the goal, so that a loaded machine does not fail the test but a frame whose cost
doubles does. (Measured on the shared 2-core machine at load 5-17: median 6.2-7.0 ms, p95
7.3-10.9 ms; the code before the grid pass, at the same loads: median 9.4-11.2 ms, p95 14-16 ms.)"""

from __future__ import annotations

import json
import os
import statistics

from test_live_classifier import open_page, page_url, reader, step_count  # noqa: F401

GOAL_MS = 8
FRAMES = 120

# Each frame as the Player plays it (training steps, then every redraw), between trace
# markers, each followed by the browser's next paint.
PLAY_TRACED_FRAMES = """async ([frames]) => {
  const player = document.querySelector('.live-classifier')._classifier.player;
  const painted = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  player.playing = true;  // as Play sets it (what the widget draws depends on it), without Play's own frame loop
  for (let k = 0; k < frames; k++) {
    console.timeStamp('frame-start');
    player.hooks.train(player.stepsPerFrame);
    await painted();
    console.timeStamp('frame-end');
    await new Promise(r => setTimeout(r, 0));
  }
  player.setPlaying(false);
}"""


def main_thread_ms_per_frame(trace: dict) -> list[float]:
    """The renderer main thread's CPU time (ms) of the tasks inside each frame-start/frame-end span."""
    events = trace["traceEvents"]
    main = {
        (e["pid"], e["tid"])
        for e in events
        if e.get("name") == "thread_name" and e["args"].get("name") == "CrRendererMain"
    }
    marks: dict[str, list[int]] = {"frame-start": [], "frame-end": []}
    for e in events:
        if e.get("name") == "TimeStamp" and e.get("args", {}).get("data", {}).get("message") in marks:
            marks[e["args"]["data"]["message"]].append(e["ts"])
    spans = list(zip(sorted(marks["frame-start"]), sorted(marks["frame-end"])))
    per_frame = [0.0] * len(spans)
    for e in events:
        if e.get("ph") != "X" or e.get("name") != "RunTask" or (e["pid"], e["tid"]) not in main:
            continue
        begin, end = e["ts"], e["ts"] + e.get("dur", 0)
        for i, (start, stop) in enumerate(spans):
            if begin <= stop and end >= start:
                per_frame[i] += e.get("tdur", e.get("dur", 0)) / 1000
                break
    return per_frame


def test_a_playing_frame_at_4x8_takes_the_main_thread_under_twice_the_8_ms_goal(browser, page_url):  # noqa: F811
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    try:
        page = context.new_page()
        page.goto(page_url + "?layers=8-8-8-8&data=spiral")
        page.wait_for_selector(".live-classifier.lc-mounted .lc-toolbar")
        page.evaluate(PLAY_TRACED_FRAMES, [20])  # the engine compiled, the buffers made
        browser.start_tracing(page=page, categories=["devtools.timeline", "disabled-by-default-devtools.timeline"])
        page.evaluate(PLAY_TRACED_FRAMES, [FRAMES])
        per_frame = main_thread_ms_per_frame(json.loads(browser.stop_tracing()))
        trained = step_count(page)
    finally:
        context.close()
    assert len(per_frame) == FRAMES and all(ms > 0 for ms in per_frame), "the trace holds no frames"
    median = statistics.median(per_frame)
    p95 = sorted(per_frame)[int(0.95 * (len(per_frame) - 1))]
    load = os.getloadavg()[0]
    print(
        f"playing frame at 4x8: median {median:.2f} ms, p95 {p95:.2f} ms of main thread over {FRAMES} frames, "
        f"{trained} steps, load {load:.1f}"
    )
    assert median < 2 * GOAL_MS, (
        f"a playing frame at 4x8 took {median:.1f} ms of main thread (median; "
        f"p95 {p95:.1f} ms, load {load:.1f}); the goal is {GOAL_MS} ms"
    )
    # every frame trains: fast drawing leaves its time to training steps, not to nothing
    assert trained >= FRAMES + 20
