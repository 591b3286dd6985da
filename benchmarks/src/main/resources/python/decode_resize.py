#!/usr/bin/env python3
# The Python anchor of issue 17 goal 1: photo bytes -> the model's 224x224 RGB input, the way a
# Python user does it at its fastest, timed in the same run as Fieldmark's Java pipeline.
#
#   decode_resize.py warm  ROUNDS WARMUP PHOTO...   medians of warm calls, per pipeline and photo
#   decode_resize.py first PIPELINE PHOTO           the first call in this process (imports done)
#
# Pipelines (one thread each; the bytes are in memory before the clock starts):
#   pillow: Image.open on the bytes, draft('RGB', (224, 224)) (libjpeg-turbo decodes a JPEG at
#           1/2, 1/4 or 1/8 scale in the DCT domain while every side stays >= 224), convert('RGB'),
#           resize((224, 224), BOX) (area averaging, what the model expects), numpy array.
#   opencv: cv2.imdecode with IMREAD_REDUCED_COLOR_2/4/8 (the same DCT scaling; the factor is
#           chosen from the photo's size before the clock starts, as a user with a fixed camera
#           would hard-code it), resize INTER_AREA, BGR -> RGB.
# Wall time and this thread's CPU time (the machine may be busy: CPU time is what the work cost).
# Output: one line per figure, "name value unit", on stdout.
import io
import sys
import time

import cv2
import numpy as np
from PIL import Image

SIZE = 224
cv2.setNumThreads(1)


def reduction(width, height):
    """The largest of 1, 2, 4, 8 that keeps both sides at least SIZE."""
    factor = 1
    while factor < 8 and width // (factor * 2) >= SIZE and height // (factor * 2) >= SIZE:
        factor *= 2
    return factor


REDUCED = {1: cv2.IMREAD_COLOR, 2: cv2.IMREAD_REDUCED_COLOR_2, 4: cv2.IMREAD_REDUCED_COLOR_4,
           8: cv2.IMREAD_REDUCED_COLOR_8}


def pillow(data, _flag):
    image = Image.open(io.BytesIO(data))
    image.draft('RGB', (SIZE, SIZE))
    return np.asarray(image.convert('RGB').resize((SIZE, SIZE), Image.BOX))


def opencv(data, flag):
    image = cv2.imdecode(np.frombuffer(data, np.uint8), flag)
    if image is None:
        raise ValueError('OpenCV cannot decode the photo')
    return cv2.cvtColor(cv2.resize(image, (SIZE, SIZE), interpolation=cv2.INTER_AREA), cv2.COLOR_BGR2RGB)


PIPELINES = {'pillow': pillow, 'opencv': opencv}


def load(path):
    with open(path, 'rb') as f:
        data = f.read()
    width, height = Image.open(io.BytesIO(data)).size
    flag = REDUCED[reduction(width, height)] if data[:2] == b'\xff\xd8' else cv2.IMREAD_COLOR
    return data, flag


def stem(path):
    return path.rsplit('/', 1)[-1].split('.', 1)[0]


def timed(pipeline, data, flag):
    """Wall and thread CPU time of one call, in ns."""
    cpu = time.thread_time_ns()
    start = time.perf_counter_ns()
    pixels = pipeline(data, flag)
    elapsed = time.perf_counter_ns() - start
    cpu = time.thread_time_ns() - cpu
    if pixels.shape != (SIZE, SIZE, 3):
        raise ValueError('unexpected shape %s' % (pixels.shape,))
    return elapsed, cpu


def median(values):
    return sorted(values)[len(values) // 2] / 1e6


def warm(rounds, warmup, paths):
    for path in paths:
        data, flag = load(path)
        for name, pipeline in PIPELINES.items():
            for _ in range(warmup):
                pipeline(data, flag)
            samples = [timed(pipeline, data, flag) for _ in range(rounds)]
            print('python.%s.%s.decode_resize_ms %.3f ms' % (name, stem(path), median([s[0] for s in samples])))
            print('python.%s.%s.decode_resize.cpu_ms %.3f ms' % (name, stem(path), median([s[1] for s in samples])))


def first(name, path):
    data, flag = load(path)
    wall, cpu = timed(PIPELINES[name], data, flag)
    print('python.%s.%s.first_decode_resize_ms %.3f ms' % (name, stem(path), wall / 1e6))
    print('python.%s.%s.first_decode_resize.cpu_ms %.3f ms' % (name, stem(path), cpu / 1e6))


def main(args):
    if len(args) >= 4 and args[0] == 'warm':
        warm(int(args[1]), int(args[2]), args[3:])
    elif len(args) == 3 and args[0] == 'first' and args[1] in PIPELINES:
        first(args[1], args[2])
    else:
        sys.exit('usage: decode_resize.py warm ROUNDS WARMUP PHOTO... | first pillow|opencv PHOTO')
    print('python.versions pillow-%s_opencv-%s_numpy-%s versions' % (Image.__version__, cv2.__version__, np.__version__))


if __name__ == '__main__':
    main(sys.argv[1:])
