#!/usr/bin/python3
"""Generates the io fixtures and goldens. Run from the repo root:  /usr/bin/python3 test/goldens/io/generate.py

Oracles: OpenCV 4.6 (libjpeg-turbo, libwebp) and Pillow 9.4 (python3-pil). Outputs:
  test/fixtures/io/orientation/orient-{1..8}.jpg  64x32 upright picture stored for EXIF orientation n
                                                  (APP1 written by hand below; odd n little-endian TIFF, even n big-endian)
  test/fixtures/io/webp/chelsea-{lossy,lossless}.webp   written by cv2.imencode
  test/fixtures/io/dataset/...                    tiny images for listDirectory (Keras flow_from_directory semantics)
  test/goldens/io/rocket.json + rocket-crop.rgb   cv2 decode of rocket.jpg: crop + stats
  test/goldens/io/webp.json + *.rgb               cv2 decode of the lossy WebP, and the source crop (lossless)
  test/goldens/io/resize.json                     PIL resize NEAREST / BILINEAR and convert('L') of a random image
  test/goldens/io/orientation.json                the upright quadrant colours, and PIL's exif_transpose check
"""
import base64, hashlib, json, os, struct
import numpy as np
import cv2
from PIL import Image, ImageOps

ROOT = os.getcwd()
FIX = os.path.join(ROOT, 'test/fixtures/io')
GOLD = os.path.join(ROOT, 'test/goldens/io')
DATA = '/work/shared/data/images'
os.makedirs(FIX, exist_ok=True)
os.makedirs(GOLD, exist_ok=True)

def b64(a):
    return base64.b64encode(np.ascontiguousarray(a, dtype=np.uint8).tobytes()).decode()

def dump(name, obj):
    with open(os.path.join(GOLD, name), 'w') as f:
        json.dump(obj, f, indent=1, sort_keys=True)
        f.write('\n')

# --- EXIF orientation -----------------------------------------------------------------------
W, H = 64, 32
COLOURS = {'tl': (220, 30, 30), 'tr': (30, 200, 40), 'bl': (30, 40, 220), 'br': (230, 220, 40)}
upright = np.zeros((H, W, 3), np.uint8)
upright[:H // 2, :W // 2] = COLOURS['tl']
upright[:H // 2, W // 2:] = COLOURS['tr']
upright[H // 2:, :W // 2] = COLOURS['bl']
upright[H // 2:, W // 2:] = COLOURS['br']
U = Image.fromarray(upright)
T = Image.Transpose
# The stored picture for orientation n is the inverse of what a viewer does to display it
# (PIL's exif_transpose: 2 FLIP_LEFT_RIGHT, 3 ROTATE_180, 4 FLIP_TOP_BOTTOM, 5 TRANSPOSE,
# 6 ROTATE_270, 7 TRANSVERSE, 8 ROTATE_90; all self-inverse except 6 <-> 8).
INVERSE = {1: None, 2: T.FLIP_LEFT_RIGHT, 3: T.ROTATE_180, 4: T.FLIP_TOP_BOTTOM, 5: T.TRANSPOSE,
           6: T.ROTATE_90, 7: T.TRANSVERSE, 8: T.ROTATE_270}

def app1_orientation(n):
    le = n % 2 == 1
    e = '<' if le else '>'
    tiff = (b'II*\x00' if le else b'MM\x00*') + struct.pack(e + 'I', 8)
    tiff += struct.pack(e + 'H', 1) + struct.pack(e + 'HHI', 0x0112, 3, 1) + struct.pack(e + 'HH', n, 0)
    tiff += struct.pack(e + 'I', 0)
    body = b'Exif\x00\x00' + tiff
    return b'\xff\xe1' + struct.pack('>H', len(body) + 2) + body

odir = os.path.join(FIX, 'orientation')
os.makedirs(odir, exist_ok=True)
check = {}
for n in range(1, 9):
    stored = U if INVERSE[n] is None else U.transpose(INVERSE[n])
    ok, enc = cv2.imencode('.jpg', cv2.cvtColor(np.asarray(stored), cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, 95])
    assert ok
    enc = enc.tobytes()
    assert enc[:4] == b'\xff\xd8\xff\xe0'
    app0_len = struct.unpack('>H', enc[4:6])[0]
    cut = 4 + app0_len
    data = enc[:cut] + app1_orientation(n) + enc[cut:]
    path = os.path.join(odir, f'orient-{n}.jpg')
    with open(path, 'wb') as f:
        f.write(data)
    # Oracle check: Pillow reads the tag and turns the picture upright.
    im = Image.open(path)
    assert im.getexif().get(0x0112) == n, n
    up = np.asarray(ImageOps.exif_transpose(im).convert('RGB')).astype(int)
    assert up.shape == (H, W, 3), (n, up.shape)
    centres = {k: up[y, x].tolist() for k, (x, y) in
               {'tl': (W // 4, H // 4), 'tr': (3 * W // 4, H // 4), 'bl': (W // 4, 3 * H // 4), 'br': (3 * W // 4, 3 * H // 4)}.items()}
    err = max(abs(a - b) for k in centres for a, b in zip(centres[k], COLOURS[k]))
    assert err <= 12, (n, centres)
    check[n] = {'storedSize': list(stored.size), 'pilQuadrantCentreMaxAbsErr': err}
dump('orientation.json', {'width': W, 'height': H, 'colours': COLOURS, 'pil': check,
                          'note': 'quadrant colours of the upright picture; every orient-n.jpg displays as it'})

# --- JPEG decode golden (rocket.jpg) ---------------------------------------------------------
rocket_bgr = cv2.imread(os.path.join(DATA, 'rocket.jpg'), cv2.IMREAD_COLOR | cv2.IMREAD_IGNORE_ORIENTATION)
rocket = cv2.cvtColor(rocket_bgr, cv2.COLOR_BGR2RGB)
pil_rocket = np.asarray(Image.open(os.path.join(DATA, 'rocket.jpg')).convert('RGB'))
CX, CY, CS = 288, 160, 64
crop = rocket[CY:CY + CS, CX:CX + CS]
with open(os.path.join(GOLD, 'rocket-crop.rgb'), 'wb') as f:
    f.write(crop.tobytes())
dump('rocket.json', {
    'decoder': f'cv2 {cv2.__version__} imread (IMREAD_IGNORE_ORIENTATION), RGB',
    'width': int(rocket.shape[1]), 'height': int(rocket.shape[0]),
    'crop': {'x': CX, 'y': CY, 'size': CS, 'file': 'rocket-crop.rgb'},
    'meanRGB': [float(rocket[..., c].mean()) for c in range(3)],
    'sha256RGB': hashlib.sha256(rocket.tobytes()).hexdigest(),
    'pilVsCv2': {'meanAbs': float(np.abs(pil_rocket.astype(int) - rocket.astype(int)).mean()),
                 'maxAbs': int(np.abs(pil_rocket.astype(int) - rocket.astype(int)).max())},
})

# --- WebP: encoded by cv2 (libwebp), decoded by cv2 -------------------------------------------
wdir = os.path.join(FIX, 'webp')
os.makedirs(wdir, exist_ok=True)
chelsea = cv2.imread(os.path.join(DATA, 'chelsea.png'), cv2.IMREAD_COLOR)
src = chelsea[100:196, 150:278]  # 128x96, BGR
out = {}
for name, q in (('lossy', 90), ('lossless', 101)):
    ok, enc = cv2.imencode('.webp', src, [cv2.IMWRITE_WEBP_QUALITY, q])
    assert ok
    with open(os.path.join(wdir, f'chelsea-{name}.webp'), 'wb') as f:
        f.write(enc.tobytes())
    dec = cv2.cvtColor(cv2.imdecode(enc, cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB)
    with open(os.path.join(GOLD, f'webp-{name}.rgb'), 'wb') as f:
        f.write(dec.tobytes())
    out[name] = {'quality': q, 'file': f'webp-{name}.rgb', 'width': 128, 'height': 96}
src_rgb = cv2.cvtColor(src, cv2.COLOR_BGR2RGB)
assert np.array_equal(np.frombuffer(open(os.path.join(GOLD, 'webp-lossless.rgb'), 'rb').read(), np.uint8).reshape(96, 128, 3), src_rgb)
dump('webp.json', {'encoder': f'cv2 {cv2.__version__} imencode .webp (101 = lossless)', 'images': out,
                   'note': 'lossless decode equals the source crop chelsea.png[100:196, 150:278]'})

# --- Resize (PIL, as Keras load_img) and luma ---------------------------------------------------
rng = np.random.default_rng(20240601)
src = rng.integers(0, 256, size=(17, 23, 3), dtype=np.uint8)
im = Image.fromarray(src)
cases = []
for (w, h) in ((10, 7), (40, 31), (23, 9), (64, 64), (5, 17), (1, 1)):
    for name, flt in (('nearest', Image.NEAREST), ('bilinear', Image.BILINEAR)):
        r = np.asarray(im.resize((w, h), flt))
        cases.append({'width': w, 'height': h, 'method': name, 'data': b64(r)})
luma = np.asarray(im.convert('L'))
dump('resize.json', {'oracle': f'Pillow {Image.__version__} Image.resize / convert("L")',
                     'input': {'width': 23, 'height': 17, 'channels': 3, 'data': b64(src)},
                     'cases': cases, 'luma': b64(luma)})

# --- Dataset tree for listDirectory ---------------------------------------------------------------
ds = os.path.join(FIX, 'dataset')

def img(rel, fmt):
    p = os.path.join(ds, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    a = np.full((4, 4, 3), (sum(rel.encode()) & 0xff), np.uint8)
    Image.fromarray(a).save(p, format=fmt)

def text(rel, s):
    p = os.path.join(ds, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, 'w') as f:
        f.write(s)

for rel, fmt in [
    ('Birds/owl.png', 'PNG'), ('Birds/Eagle.PNG', 'PNG'), ('Birds/kiwi.tif', 'TIFF'),
    ('cats/a.png', 'PNG'), ('cats/B.PNG', 'PNG'), ('cats/c.JPG', 'JPEG'), ('cats/d.jpeg', 'JPEG'),
    ('cats/z.bmp', 'BMP'), ('cats/sub/e.png', 'PNG'), ('cats/sub/deep/f.Png', 'PNG'),
    ('cats/sub-x/g.png', 'PNG'), ('cats/photo_png', 'PNG'),
    ('dogs/1.png', 'PNG'), ('dogs/10.png', 'PNG'), ('dogs/2.png', 'PNG'), ('dogs/UPPER.JPEG', 'JPEG'),
    ('dogs/\uff5a.png', 'PNG'), ('dogs/\U0001f600.png', 'PNG'), ('dogs/p.ppm', 'PPM'), ('dogs/t.TIFF', 'TIFF'),
    ('top.png', 'PNG'),
]:
    img(rel, fmt)
text('cats/notes.txt', 'not an image\n')
text('dogs/README.md', 'not an image\n')
text('dogs/archive.png.bak', 'not an image\n')
text('empty_class/readme.txt', 'a class folder without images\n')
print('ok')

# --- BMP variants for the pure decoder (written by Pillow, decoded by Pillow) ----------------------
bdir = os.path.join(FIX, 'bmp')
os.makedirs(bdir, exist_ok=True)
rng = np.random.default_rng(7)
rgb = rng.integers(0, 256, size=(5, 7, 3), dtype=np.uint8)  # odd width: row padding
bmp_gold = {}
variants = {
    'rgb24': Image.fromarray(rgb),
    'grey8': Image.fromarray(rgb[..., 0]),                      # 8-bit palette (grey ramp)
    'pal8': Image.fromarray(rgb).quantize(colors=16),           # 8-bit palette
    'bw1': Image.fromarray(rgb[..., 0] > 127),                  # 1-bit
    'rgba32': Image.fromarray(np.dstack([rgb, rng.integers(0, 256, size=(5, 7), dtype=np.uint8)]), 'RGBA'),
}
for name, im in variants.items():
    p = os.path.join(bdir, f'{name}.bmp')
    im.save(p, format='BMP')
    dec = Image.open(p)
    mode = 'RGBA' if dec.mode == 'RGBA' else 'RGB'
    bmp_gold[name] = {'mode': mode, 'data': b64(np.asarray(dec.convert(mode)))}
dump('bmp.json', {'oracle': f'Pillow {Image.__version__}', 'width': 7, 'height': 5, 'images': bmp_gold})
print('bmp ok')
