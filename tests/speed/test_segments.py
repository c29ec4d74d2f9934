"""hooks/kit/speed/segments.py: a batch of search texts is cut once per distinct Han run, with the
same segmentation as cutting every run (a run's cut does not depend on where it occurs)."""
from __future__ import annotations

from kit.outputs.searchindex import segment_raw
from kit.speed import jiebacut
from kit.speed.segments import Segmenter
from kit.speed.stores import NullStore


def test_a_batch_cuts_each_distinct_run_once_with_the_same_result():
    names = ["王小明", "柳塘村"]
    tok = jiebacut.PlainCut(names)
    texts = ["王小明，柳塘村村民，2023年入选身边好人。", "柳塘村村民王小明：能帮一把是一把",
             "身边好人 2023年 入选", "能帮一把是一把，乡亲们说。"]
    calls: list[str] = []

    def counted(run: str) -> list[str]:
        calls.append(run)
        return tok.cut(run)
    got = Segmenter(NullStore(), names, counted, "").resolve(texts)
    assert [seg for _, seg in got] == [segment_raw(t, tok.cut) for t in texts]
    assert len(calls) == len(set(calls)) and {"能帮一把是一把", "入选", "柳塘村村民"} <= set(calls)


def test_the_render_worker_packs_the_segmentations_as_they_come(monkeypatch):
    """kit/speed/fork.pack: the worker's result, pickled a chunk at a time into one zlib stream
    (never the whole list in memory), comes back whole and in order, across chunk borders."""
    from kit.speed import fork
    monkeypatch.setattr(fork, "CHUNK", 3)
    names = ["王小明"]
    tok = jiebacut.PlainCut(names)
    texts = [f"王小明第{i}次入选身边好人。" for i in range(10)]
    segmenter = Segmenter(NullStore(), names, tok.cut, "")
    taken = []

    def watched():
        for item in segmenter.each(texts):
            taken.append(item)
            yield item
    packed = fork.pack(watched())
    assert fork.unpack(packed) == segmenter.resolve(texts) == taken
    for n in (0, 3, 7):    # an empty last chunk, an exact multiple, a partial one
        assert fork.unpack(fork.pack(iter(range(n)))) == list(range(n))
