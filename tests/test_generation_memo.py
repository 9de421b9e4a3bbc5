"""What public pages read on every request, kept per content generation and process
(portal/cache.py once_per_generation)."""

from portal import cache


def test_a_value_is_computed_once_per_generation_and_again_in_the_next(db):
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    with cache.one_generation():
        assert cache.once_per_generation("test value", compute) == 1
        assert cache.once_per_generation("test value", compute) == 1
    with cache.one_generation():
        assert cache.once_per_generation("test value", compute) == 1
    cache.invalidate()
    with cache.one_generation():
        assert cache.once_per_generation("test value", compute) == 2
    # Outside a request the generation is read on every call, and the memo still applies.
    assert cache.once_per_generation("test value", compute) == 2
    assert len(calls) == 2


def test_a_failed_computation_is_not_kept(db):
    def fails():
        raise LookupError

    with cache.one_generation():
        for _ in range(2):
            try:
                cache.once_per_generation("failing value", fails)
            except LookupError:
                pass
            else:
                raise AssertionError("the failure was kept as a value")
