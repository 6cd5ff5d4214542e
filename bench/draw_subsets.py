"""Draws the "Small stores" customer subsets of ../shared/datasets/README.md.

Usage: python3 bench/draw_subsets.py SIZES SEEDS < ids.txt
ids.txt: the sorted ids of the customers with a clean line before the cutoff, one a line.
Prints one JSON object {"N:seed": [ids...]}: numpy default_rng(seed).choice(ids, N, replace=False).
"""
import json
import sys

import numpy as np

sizes = [int(v) for v in sys.argv[1].split(",")]
seeds = [int(v) for v in sys.argv[2].split(",")]
ids = [line.strip() for line in sys.stdin if line.strip()]
out = {}
for n in sizes:
    for seed in seeds:
        out[f"{n}:{seed}"] = [str(v) for v in np.random.default_rng(seed).choice(ids, n, replace=False)]
print(json.dumps(out))
