"""Word error rate helpers for the bench scripts: NFC words, and word-level edit distance."""
import unicodedata


def words(s):
    """The NFC-normalised whitespace tokens of `s`."""
    return unicodedata.normalize("NFC", s).split()


def errors(truth, hyp):
    """Word-level edit distance (substitutions, insertions, deletions) of `hyp` from `truth`."""
    prev = list(range(len(hyp) + 1))
    for i, a in enumerate(truth):
        cur = [i + 1] + [0] * len(hyp)
        for j, b in enumerate(hyp):
            cur[j + 1] = min(prev[j] + (a != b), prev[j + 1] + 1, cur[j] + 1)
        prev = cur
    return prev[-1]


def wer(truth, hyp):
    return errors(truth, hyp) / len(truth)
