"""The averaged perceptron (Collins 2002) shared by the tagger and the event-word classifier."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence

import numpy as np


def averaged_perceptron(
    rows: np.ndarray,
    gold: np.ndarray,
    bounds: Sequence[tuple[int, int]],
    size: int,
    class_count: int,
    seed: int,
    epochs: int,
) -> np.ndarray:
    """Weights (features x classes) averaged over all steps, trained group by group (a sentence).

    `rows` holds each item's feature rows (row 0: the zero row, for padding and unknown features).
    Each group is scored whole, then every wrong item moves its features' weights towards the gold
    class and away from the predicted one. Averaging by Daume's trick: w_avg = w - u / steps, where
    u sums each update times the step it was made at. The group order of each epoch comes from
    `seed`, so training is deterministic.
    """
    weights = np.zeros((size, class_count), dtype=np.float64)
    stamped = np.zeros((size, class_count), dtype=np.float64)
    random = np.random.default_rng(seed)
    step = 1
    width = rows.shape[1]
    for _ in range(epochs):
        for group in random.permutation(len(bounds)):
            start, end = bounds[group]
            group_rows = rows[start:end]
            predicted = weights[group_rows].sum(axis=1).argmax(axis=1)
            wrong = np.flatnonzero(predicted != gold[start:end])
            if len(wrong):
                feature_rows = group_rows[wrong].ravel()
                gold_classes = np.repeat(gold[start:end][wrong], width)
                predicted_classes = np.repeat(predicted[wrong], width)
                np.add.at(weights, (feature_rows, gold_classes), 1.0)
                np.add.at(weights, (feature_rows, predicted_classes), -1.0)
                np.add.at(stamped, (feature_rows, gold_classes), float(step))
                np.add.at(stamped, (feature_rows, predicted_classes), -float(step))
                weights[0] = 0.0
                stamped[0] = 0.0
            step += 1
    return (weights - stamped / step).astype(np.float32)


SMALL_BATCH = 64


def scores(weights: np.ndarray, rows: np.ndarray, start: np.ndarray | None = None) -> np.ndarray:
    """The sum of the weight rows of each item's features (items x classes), added in column order
    to `start` if given (the sums of earlier features). One gather per feature column keeps the
    work in cache: ten times faster than weights[rows].sum(axis=1), which builds an items x
    features x classes array first (and adds in the same order)."""
    if start is None and rows.shape[0] < SMALL_BATCH:  # a few items: one call costs less than one per column
        return weights[rows].sum(axis=1)
    if start is None:
        total = np.zeros((rows.shape[0], weights.shape[1]), dtype=weights.dtype)
    else:
        total = start.copy()
    for column in rows.T:
        np.add(total, weights.take(column, axis=0), out=total)
    return total


def write_arrays(path, arrays: dict[str, np.ndarray]) -> None:
    """An .npz written byte-identically for the same arrays (np.savez stamps the current time)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in sorted(arrays):
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.ascontiguousarray(arrays[name]), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, buffer.getvalue(), compresslevel=9)


def string_array(strings: Sequence[str]) -> np.ndarray:
    """Strings (without newlines) as one array of UTF-8 bytes, for an .npz without pickles."""
    return np.frombuffer("\n".join(strings).encode("utf-8"), dtype=np.uint8)


def strings_of(array: np.ndarray) -> list[str]:
    text = array.tobytes().decode("utf-8")
    return text.split("\n") if text else []
