"""The BiGRU scorer: numpy GRU against a plain reference, chunked reading, and its use in the decoder."""

from __future__ import annotations

import numpy as np
import pytest

from pipeline.restore.neural import CHUNK, MARGIN, NEURAL_PATH, NeuralScorer, gru_scan, skeleton_table


def _reference_gru(x, wx, wh, bx, bh):
    """One sample, one step at a time, written from the GRU equations (gates r, z, n)."""
    H = wh.shape[0]
    sig = lambda v: 1 / (1 + np.exp(-v))  # noqa: E731
    h = np.zeros(H)
    out = []
    for xt in x:
        gx, gh = xt @ wx + bx, h @ wh + bh
        r = sig(gx[:H] + gh[:H])
        z = sig(gx[H:2 * H] + gh[H:2 * H])
        n = np.tanh(gx[2 * H:] + r * gh[2 * H:])
        h = (1 - z) * n + z * h
        out.append(h)
    return np.array(out)


def _tiny(rng, n_skel=7, n_vocab=12, e=5, h=4) -> NeuralScorer:
    f = lambda *s: rng.normal(0, 0.5, s).astype(np.float32)  # noqa: E731
    return NeuralScorer(
        emb=f(n_skel, e), fwd=(f(e, 3 * h), f(h, 3 * h), f(3 * h), f(3 * h)),
        bwd=(f(e, 3 * h), f(h, 3 * h), f(3 * h), f(3 * h)), out_w=f(n_vocab, 2 * h), out_b=f(n_vocab),
        skel_ids={}, row_of=np.arange(n_vocab),
    )


def test_gru_scan_matches_the_equations():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(3, 6, 5)).astype(np.float32)
    w = (rng.normal(0, 0.5, (5, 12)), rng.normal(0, 0.5, (4, 12)), rng.normal(0, 0.1, 12), rng.normal(0, 0.1, 12))
    w = tuple(a.astype(np.float32) for a in w)
    got = gru_scan(x, *w)
    for b in range(3):
        np.testing.assert_allclose(got[b], _reference_gru(x[b], *w), atol=1e-5)


@pytest.mark.parametrize("n", [1, 5, CHUNK - 2 * MARGIN, CHUNK, 3 * CHUNK + 7])
def test_states_cover_every_token_and_read_only_nearby_context(n):
    nn = _tiny(np.random.default_rng(1))
    seq = np.random.default_rng(2).integers(0, 7, n)
    h = nn.states(seq)
    assert h.shape == (n, 8) and np.isfinite(h).all()
    if n > 2 * CHUNK:  # a token's state depends on its chunk only
        far = seq.copy()
        far[-1] = (far[-1] + 1) % 7
        np.testing.assert_allclose(nn.states(far)[0], h[0])


def test_logp_is_normalised_over_each_tokens_candidates():
    nn = _tiny(np.random.default_rng(3))
    seq = np.array([0, 3, 4, 5, 0])
    out = nn.logp(seq, [np.array([3, 4, 5]), np.array([7, 8])], np.array([1, 3]))
    assert [len(x) for x in out] == [3, 2]
    for lp in out:
        assert np.isclose((10.0 ** lp).sum(), 1.0, atol=1e-5)


def test_skeleton_table_groups_marked_forms():
    table, ids = skeleton_table(["<s>", "<unk>", "<num>", "hiến", "hiền", "máu", "mẫu", "mau"])
    assert table[3] == table[4] and table[5] == table[6] == table[7] and table[3] != table[5]
    assert ids["<s>"] == 0 and ids["hien"] == table[3]


@pytest.mark.skipif(not NEURAL_PATH.exists(), reason="no committed BiGRU weights")
def test_committed_model_loads_for_the_lm_and_joins_the_decoder():
    from pipeline.restore import load_restorer, restore_lines

    r = load_restorer()
    assert r.neural is not None and r.neural_weight > 0
    assert (r.neural.row_of[3:] > 2).mean() > 0.99  # the LM's syllables are the scorer's
    text = "Ban chi dao van dong hien mau tinh nguyen cua huyen Tam Duong"
    restored, maps = restore_lines([text], r)[0]
    assert len(maps) == len(text.split())
    without = load_restorer()
    without.neural = None
    plain, _ = restore_lines([text], without)[0]
    assert restored.split()[5:8] == plain.split()[5:8] == ["hiến", "máu", "tình"]


def test_warm_start_carries_weights_over_by_syllable_and_skeleton():
    from training.neural import init_params, warm_start

    old_vocab = ["<s>", "<unk>", "<num>", "hiến", "hiền", "máu"]
    new_vocab = ["<s>", "<unk>", "<num>", "máu", "nhùn", "hiến", "hiền"]
    rng = np.random.default_rng(0)
    _, old_skel = skeleton_table(old_vocab)
    old = init_params(rng, len(old_skel), len(old_vocab), 3, 2)
    start = {**old, "vocab": np.array("\n".join(old_vocab))}
    _, new_skel = skeleton_table(new_vocab)
    fresh = init_params(rng, len(new_skel), len(new_vocab), 3, 2)
    out = warm_start(fresh, start, new_vocab)
    assert np.array_equal(out["out_w"][5], old["out_w"][3])  # hiến: row 3 before, row 5 now
    assert np.array_equal(out["out_w"][3], old["out_w"][5])  # máu
    assert np.array_equal(out["out_w"][4], fresh["out_w"][4])  # nhùn: new, fresh weights
    assert np.array_equal(out["emb"][new_skel["hien"]], old["emb"][old_skel["hien"]])
    assert np.array_equal(out["emb"][new_skel["nhun"]], fresh["emb"][new_skel["nhun"]])
    assert np.array_equal(out["fwd_wh"], old["fwd_wh"])


def test_checkpoint_resumes_weights_optimiser_and_sampler(tmp_path):
    jax = pytest.importorskip("jax")
    optax = pytest.importorskip("optax")
    from training.neural import load_checkpoint, save_checkpoint

    params = {"w": jax.numpy.arange(6.0).reshape(2, 3), "b": jax.numpy.zeros(3)}
    opt = optax.adam(1e-3)
    state = opt.init(params)
    grads = {"w": jax.numpy.ones((2, 3)), "b": jax.numpy.ones(3)}
    updates, state = opt.update(grads, state, params)
    params = optax.apply_updates(params, updates)
    rng = np.random.default_rng(5)
    rng.integers(0, 10, 3)
    save_checkpoint(tmp_path / "c.npz", params, state, 7, 1234, rng)
    expected_next = rng.integers(0, 1000, 4)
    fresh_rng = np.random.default_rng(99)
    p2, s2, n, seen = load_checkpoint(tmp_path / "c.npz", {"w": None, "b": None}, opt.init(params), fresh_rng)
    assert (n, seen) == (7, 1234)
    assert np.allclose(p2["w"], params["w"])
    leaves1, leaves2 = jax.tree_util.tree_leaves(state), jax.tree_util.tree_leaves(s2)
    assert all(np.allclose(a, b) for a, b in zip(leaves1, leaves2))
    assert np.array_equal(fresh_rng.integers(0, 1000, 4), expected_next)
