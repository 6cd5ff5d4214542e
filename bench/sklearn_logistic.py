"""Fits scikit-learn's LogisticRegression (lbfgs) on a matrix written by bench/logistic-vs-sklearn.ts.

Usage: python3 bench/sklearn_logistic.py DIR REPEATS C
DIR holds X.f64, y.u8, Xtest.f64 and shape.json; prints one JSON line with the median fit
time and the test-set probabilities.
"""
import json
import statistics
import sys
import time

import numpy as np
from sklearn.linear_model import LogisticRegression

folder, repeats, c = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
shape = json.load(open(f"{folder}/shape.json"))
X = np.fromfile(f"{folder}/X.f64", dtype=np.float64).reshape(shape["rows"], shape["cols"])
y = np.fromfile(f"{folder}/y.u8", dtype=np.uint8)
X_test = np.fromfile(f"{folder}/Xtest.f64", dtype=np.float64).reshape(shape["testRows"], shape["cols"])
times = []
for _ in range(repeats):
    model = LogisticRegression(C=c, solver="lbfgs", max_iter=1000, tol=1e-8)
    start = time.perf_counter()
    model.fit(X, y)
    times.append((time.perf_counter() - start) * 1000)
print(json.dumps({"medianFitMs": statistics.median(times), "probabilities": model.predict_proba(X_test)[:, 1].tolist()}))
