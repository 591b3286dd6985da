#!/usr/bin/env python3
# Independent oracle for the domain tests: Python itself formats the probabilities and a
# re-implementation of the original workshop Lambda writes the messages, so the Java code is
# checked against the behaviour it must reproduce, not against itself.
# Regenerate with: python3 generate_golden.py   (fixed seeds: the output is reproducible)
"""
Writes two tab-separated golden files next to this script:

python-format-golden.tsv
    value (float.hex())  <TAB>  '{:2.2f}'.format(value)

workshop-messages-golden.tsv
    image key  <TAB>  probabilities (space-separated float.hex())  <TAB>  message

Java's Double.parseDouble reads float.hex() strings such as 0x1.0000000000000p-3 as they are.
"""

import math
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))

# The original workshop Lambda's constants.
CATEGORIES = ['Purple Martin', 'Northern Cardinal', 'American Goldfinch', 'Eastern Bluebird']
TOP_K = 2
THRESHOLD = 0.70


def workshop_message(key, probabilities):
    """The original Lambda's message. Ties rank the lower class index first (stable sort)."""
    ranked = sorted(range(len(probabilities)), key=lambda i: (-probabilities[i], i))
    top = ranked[0]
    if probabilities[top] > THRESHOLD:
        return ('Bird [' + key + '] is a: ' + CATEGORIES[top]
                + '(' + '{:2.2f}'.format(probabilities[top]) + ')')
    entries = [CATEGORIES[i] + '(' + '{:2.2f}'.format(probabilities[i]) + ')' for i in ranked[:TOP_K]]
    return 'Bird [' + key + '] may be a: ' + ', or '.join(entries)


def format_values(rng):
    values = [rng.random() for _ in range(700)]
    values += [k / 1000 for k in range(1001)]
    values += [k / 1000 + 1e-12 for k in range(0, 1000, 2)]
    values += [k / 1000 - 1e-12 for k in range(1, 1001, 2)]
    # Two-decimal rounding boundaries x.xx5: the nearest double, and its neighbours either side.
    for j in range(100):
        boundary = (2 * j + 1) / 200
        values += [boundary, math.nextafter(boundary, -math.inf), math.nextafter(boundary, math.inf)]
    # The only boundaries a double holds exactly, where half-to-even decides.
    values += [0.125, 0.375, 0.625, 0.875]
    values += [0.0, -0.0, 1.0, 1.0000005, 0.9951, 0.94, 0.55, 0.3, 5e-324, 2.2250738585072014e-308,
               -0.001, -0.005, -0.006, -0.125, 2.675, 1.005, 12.345, 123456.785, 1e16, 1e22, 1e300,
               1.7976931348623157e308]
    return values


def message_vectors(rng):
    vectors = []

    def normalised(weights):
        total = sum(weights)
        return [w / total for w in weights]

    # Dirichlet-distributed vectors, from flat to peaked.
    for _ in range(1200):
        alpha = rng.choice([0.2, 0.5, 1.0, 3.0])
        weights = [rng.gammavariate(alpha, 1.0) + 1e-300 for _ in CATEGORIES]
        vectors.append(normalised(weights))
    # Plain normalised uniform numbers.
    for _ in range(200):
        vectors.append(normalised([rng.random() for _ in CATEGORIES]))
    # Top exactly at the threshold (not confident) and one ulp either side of it.
    for top in [THRESHOLD] * 150 + [math.nextafter(THRESHOLD, 1.0)] * 40 + [math.nextafter(THRESHOLD, 0.0)] * 40 \
            + [0.7000001] * 20 + [0.6999999] * 20:
        rest = [(1.0 - top) * w for w in normalised([rng.random() for _ in range(3)])]
        position = rng.randrange(4)
        vectors.append(rest[:position] + [top] + rest[position:])
    # Exact ties (and near ties one ulp apart) on a coarse grid, including all-equal vectors.
    grid = [0.0, 0.05, 0.1, 0.125, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8]
    for _ in range(250):
        vector = [rng.choice(grid) for _ in CATEGORIES]
        if rng.random() < 0.3:
            i = rng.randrange(4)
            vector[i] = math.nextafter(vector[i], rng.choice([0.0, 1.0]))
        vectors.append(vector)
    for value in [0.0, 0.1, 0.25, 0.3, 0.7, 0.75, 1.0]:
        vectors.append([value] * 4)
    # Probabilities that sit on two-decimal boundaries, so the messages exercise the rounding.
    boundaries = [0.125, 0.375, 0.625, 0.145, 0.285, 0.015, 0.995, 0.005, 0.9951, 0.455, 0.335]
    for _ in range(100):
        vectors.append([rng.choice(boundaries) for _ in CATEGORIES])
    # Negative zero is a zero: it ties with 0.0 and prints as -0.00, as Python does.
    vectors += [[0.6, -0.0, 0.0, 0.0], [0.5, 0.0, -0.0, 0.5], [-0.0, -0.0, -0.0, -0.0]]
    return vectors


def message_key(rng, n):
    style = n % 10
    if style == 0:
        return 'birds/x.jpg'
    if style == 1:
        return 'birds/{:05d}.jpg'.format(n)
    if style == 2:
        return 'uploads/2024/06/{}/IMG_{}.JPG'.format(rng.randrange(1, 31), rng.randrange(10000))
    if style == 3:
        return 'birds/rouge-gorge été {}.png'.format(n)
    if style == 4:
        return 'birds/{name}/' + str(n) + '.jpg'
    if style == 5:
        return 'birds/[{predictions}] {key} ' + str(n) + '.bmp'
    return 'birds/card-{}.jpg'.format(n)


def main():
    rng = random.Random(20240601)
    with open(os.path.join(HERE, 'python-format-golden.tsv'), 'w', encoding='utf-8', newline='\n') as out:
        out.write("# value as float.hex()\t'{:2.2f}'.format(value), written by generate_golden.py\n")
        for value in format_values(rng):
            out.write(value.hex() + '\t' + '{:2.2f}'.format(value) + '\n')

    rng = random.Random(19700101)
    with open(os.path.join(HERE, 'workshop-messages-golden.tsv'), 'w', encoding='utf-8', newline='\n') as out:
        out.write('# image key\tprobabilities as float.hex()\tmessage of the original workshop Lambda, '
                  'written by generate_golden.py\n')
        for n, vector in enumerate(message_vectors(rng)):
            assert len(vector) == len(CATEGORIES) and all(0.0 <= p <= 1.0 for p in vector), vector
            key = message_key(rng, n)
            out.write(key + '\t' + ' '.join(p.hex() for p in vector) + '\t' + workshop_message(key, vector) + '\n')


if __name__ == '__main__':
    main()
