"""scikit-learn's metrics on small cases, for src/engine/metrics.test.ts.

Classification: per-class precision, recall, F1 and support (precision_recall_fscore_support with
labels=range(k) and zero_division=0, the value sklearn's default 'warn' gives) and the macro
averages of classification_report, from confusion matrices [true][predicted] expanded back into
label lists: with a class never predicted, a class without samples, a perfect one, a binary one.
Regression: r2_score, mean_absolute_error and the root of mean_squared_error per target column
(multioutput='raw_values'), on float32 values, including constant targets (force_finite) and a
model worse than the mean (R² below 0).
"""
import warnings

import numpy as np
import sklearn
from sklearn.metrics import (classification_report, mean_absolute_error, mean_squared_error,
                             precision_recall_fscore_support, r2_score)

from common import write_fixture

MATRICES = {
    'three classes': [[5, 2, 0], [1, 7, 2], [0, 3, 4]],
    'a class never predicted': [[4, 1, 0], [2, 3, 0], [1, 1, 0]],
    'a class without samples': [[3, 1, 0], [0, 0, 0], [2, 0, 4]],
    'perfect': [[2, 0], [0, 3]],
    'binary': [[40, 10], [5, 45]],
}


def labels_of(matrix):
    y_true, y_pred = [], []
    for t, row in enumerate(matrix):
        for p, n in enumerate(row):
            y_true += [t] * n
            y_pred += [p] * n
    return y_true, y_pred


def classification_case(name, matrix):
    y_true, y_pred = labels_of(matrix)
    labels = list(range(len(matrix)))
    precision, recall, f1, support = precision_recall_fscore_support(
        y_true, y_pred, labels=labels, zero_division=0)
    report = classification_report(y_true, y_pred, labels=labels, zero_division=0,
                                   output_dict=True)
    macro = report['macro avg']
    return {
        'name': name,
        'matrix': matrix,
        'perClass': [{'precision': float(p), 'recall': float(r), 'f1': float(f),
                      'support': int(s)} for p, r, f, s in zip(precision, recall, f1, support)],
        'macro': {'precision': macro['precision'], 'recall': macro['recall'],
                  'f1': macro['f1-score']},
    }


def regression_case(name, y, pred):
    y = np.asarray(y, dtype=np.float32).astype(np.float64)
    pred = np.asarray(pred, dtype=np.float32).astype(np.float64)
    r2 = r2_score(y, pred, multioutput='raw_values')
    mae = mean_absolute_error(y, pred, multioutput='raw_values')
    rmse = np.sqrt(mean_squared_error(y, pred, multioutput='raw_values'))
    return {
        'name': name,
        'count': y.shape[0],
        'size': y.shape[1],
        'targets': y.ravel().tolist(),
        'predictions': pred.ravel().tolist(),
        'perTarget': [{'r2': float(a), 'mae': float(b), 'rmse': float(c)}
                      for a, b, c in zip(r2, mae, rmse)],
    }


def main():
    rng = np.random.default_rng(17)
    y = rng.normal(50, 20, size=(40, 2))
    pred = y + rng.normal(0, 8, size=(40, 2))
    regression = [
        regression_case('two targets, a fair model', y, pred),
        regression_case('worse than the mean', [[1], [2], [3], [4]], [[4], [1], [5], [0]]),
        regression_case('constant target, exact', [[3, 7], [3, 8], [3, 9]],
                        [[3, 7.5], [3, 8], [3, 9.25]]),
        regression_case('constant target, off', [[2], [2], [2]], [[2], [2.5], [1]]),
    ]
    with warnings.catch_warnings():
        warnings.simplefilter('error')
        classification = [classification_case(n, m) for n, m in MATRICES.items()]
    write_fixture('src/engine/fixtures/metrics.json', {
        '_script': __file__,
        'sklearn': sklearn.__version__,
        'classification': classification,
        'regression': regression,
    })


if __name__ == '__main__':
    main()
