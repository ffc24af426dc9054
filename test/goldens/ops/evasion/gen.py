#!/usr/bin/python3
"""Goldens for the evasion perturbations (AugLy's image functions). AugLy is not installable here (no pip),
so each case reproduces the AugLy function with the same Pillow calls, following
facebookresearch/AugLy augly/image/functional.py (commit 1cb5d08; line numbers of the `def`s below) and augly/image/utils/utils.py:
  pixelization  functional.py:2531 pixelization(): image.resize((int(w*ratio), int(h*ratio))).resize((w, h))
  scale         functional.py:3020 scale(): LANCZOS if factor < 1 else BILINEAR when interpolation is None
  opacity       functional.py:1019 opacity(): mask = (A*level).astype(uint8); Image.composite over (255,255,255,0)
  overlay_stripes functional.py:1420 overlay_stripes() + utils/utils.py:212 compute_stripe_mask() (numpy cos)
  overlay_image functional.py:1146 overlay_image(): resize to int(H*size) high, mask (A*opacity).astype(uint8), paste
  split_and_shuffle functional.py:3293 split_and_shuffle() with the order given explicitly (our params)
  pad_square    functional.py:2362 pad_square() → functional.py:2290 pad(); padAspectRatio generalises it (ratio 1 = pad_square)
  sharpen       functional.py:3096 sharpen(): ImageEnhance.Sharpness(image).enhance(factor)
  encoding_quality functional.py:652 encoding_quality(): image.save(JPEG, quality) per step (PSNR check only)
  socialFrame   (no AugLy twin: Image.new + paste + ImageDraw.rectangle, the same drawing)
  overlay_text  functional.py:2066 overlay_text(): font_size = int(min(w, h)*font_size); draw.text((x_pos*w,
                y_pos*h + i*(font_size + 5)), line, fill, font) on an RGBA copy — with our string instead of
                AugLy's character indices; Pillow/FreeType renders the same font file (fonts/*.ttf)
  meme_format   functional.py:886 meme_format(): AugLy's font-size loop with multiline_textbbox, the same
                caption band and multiline_text(align='center'); the 40 px ascender adjustment scaled by
                caption_height/250 as our op documents
  overlay_emoji functional.py:1075 overlay_emoji() → overlay_image(); our emoji is a glyph of the bundled
                monochrome font, so Pillow draws that glyph at the same box (size rounded to whole px)
  colorQuantize our definition (src/ops/stages/quantize.ts doc) in float64 Python, same operation order;
                Pillow's convert('P') (web palette, Floyd–Steinberg) as a closeness check ('pillow' cases)
Text cases are compared loosely (ink boxes within 1 px, bounded mean difference): different rasterisers.
Each output is converted back to the source mode as AugLy's ret_and_save_image does.
Run: /usr/bin/python3 test/goldens/ops/evasion/gen.py"""
import base64
import io
import math
import os
import sys

import numpy as np
from PIL import Image, ImageDraw, ImageEnhance, ImageFont

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..'))
from golden_io import Writer  # noqa: E402

MODES = {1: 'L', 3: 'RGB', 4: 'RGBA'}


def pil(a):
    return Image.fromarray(a[:, :, 0] if a.shape[2] == 1 else a, MODES[a.shape[2]])


def arr(im):
    a = np.asarray(im, dtype=np.uint8)
    return a[:, :, None] if a.ndim == 2 else a


# ---- the bundled marks, drawn with the same integer arithmetic as src/ops/overlay-image/image-arg.ts ----
def coverage(w, h, inside):
    out = np.zeros((h, w), np.uint8)
    for y in range(h):
        for x in range(w):
            n = sum(1 for j in range(4) for i in range(4) if inside(8 * x + 2 * i + 1, 8 * y + 2 * j + 1))
            out[y, x] = (n * 255 + 8) // 16
    return out


def mark(name):
    if name == 'checker':
        a = np.zeros((32, 32, 3), np.uint8)
        for y in range(32):
            for x in range(32):
                a[y, x] = 255 if ((x >> 2) + (y >> 2)) & 1 else 0
        return Image.fromarray(a, 'RGB')
    if name == 'ring':
        al = coverage(64, 64, lambda x, y: 160 * 160 <= (x - 256) ** 2 + (y - 256) ** 2 <= 240 * 240)
        a = np.dstack([np.full((64, 64), 255, np.uint8)] * 3 + [al])
        return Image.fromarray(a, 'RGBA')
    W, H, R = 64 * 8, 40 * 8, 80

    def inside(x, y):
        cx = R if x < R else W - R if x > W - R else x
        cy = R if y < R else H - R if y > H - R else y
        return (x - cx) ** 2 + (y - cy) ** 2 <= R * R
    al = coverage(64, 40, inside)
    a = np.zeros((40, 64, 4), np.uint8)
    a[:, :, 0], a[:, :, 1], a[:, :, 2] = 220, 30, 40
    a[17:23, 12:52, :3] = 255
    a[:, :, 3] = al
    return Image.fromarray(a, 'RGBA')


# ---- AugLy functions with the same Pillow calls ----
def pixelization(image, ratio):
    w, h = image.size
    return image.resize((int(w * ratio), int(h * ratio))).resize((w, h))


PIL_FILTERS = {'nearest': Image.NEAREST, 'box': Image.BOX, 'bilinear': Image.BILINEAR, 'hamming': Image.HAMMING,
               'bicubic': Image.BICUBIC, 'lanczos': Image.LANCZOS}


def scale(image, factor, interpolation):
    if interpolation == 'auto':
        f = Image.LANCZOS if factor < 1 else Image.BILINEAR
    else:
        f = PIL_FILTERS[interpolation]
    w, h = image.size
    return image.resize((int(w * factor), int(h * factor)), resample=f)


def opacity(image, level):
    src_mode = image.mode
    image = image.convert(mode='RGBA')
    mask = image.convert('RGBA').getchannel('A')
    mask = Image.fromarray((np.array(mask) * level).astype(np.uint8))
    background = Image.new('RGBA', image.size, (255, 255, 255, 0))
    return Image.composite(image, background, mask).convert(src_mode)


def compute_stripe_mask(src_w, src_h, line_width, line_angle, line_density):
    line_angle *= math.pi / 180
    line_distance = (1 - line_density) * min(src_w, src_h)
    y_period = math.cos(line_angle) / line_distance
    x_period = math.sin(line_angle) / line_distance
    y_coord_range = np.arange(0, src_h) - src_h / 2
    x_coord_range = np.arange(0, src_w) - src_w / 2
    x_grid_coords, y_grid_coords = np.meshgrid(x_coord_range, y_coord_range)
    if abs(line_angle) == math.pi / 2 or abs(line_angle) == 3 * math.pi / 2:
        softmax_mask = (np.cos(2 * math.pi * x_period * x_grid_coords) + 1) / 2
    elif line_angle == 0 or abs(line_angle) == math.pi:
        softmax_mask = (np.cos(2 * math.pi * y_period * y_grid_coords) + 1) / 2
    else:
        softmax_mask = (np.cos(2 * math.pi * (x_period * x_grid_coords + y_period * y_grid_coords)) + 1) / 2
    return softmax_mask > (math.cos(math.pi * line_width) + 1) / 2


def overlay_stripes(image, line_width, line_color, line_angle, line_density, line_type, line_opacity):
    width, height = image.size
    m = compute_stripe_mask(width, height, line_width, line_angle, line_density)
    if line_type == 'dotted':
        m = m * compute_stripe_mask(width, height, line_width, line_angle + 90, line_density)
    elif line_type == 'dashed':
        m = m * compute_stripe_mask(width, height, 0.7, line_angle + 90, line_density)
    mask = Image.fromarray(np.uint8(m * line_opacity * 255))
    foreground = Image.new('RGB', image.size, tuple(line_color))
    aug = image.copy()
    aug.paste(foreground, (0, 0), mask=mask)
    return aug


def overlay_image(image, overlay, opacity, overlay_size, x_pos, y_pos):
    src_mode = image.mode
    im_width, im_height = image.size
    ow, oh = overlay.size
    new_height = max(1, int(im_height * overlay_size))
    new_width = int(ow * new_height / oh)
    overlay = overlay.resize((new_width, new_height))
    mask = overlay.convert('RGBA').getchannel('A')
    mask = Image.fromarray((np.array(mask) * opacity).astype(np.uint8))
    x, y = int(im_width * x_pos), int(im_height * y_pos)
    aug = image.convert(mode='RGBA')
    aug.paste(im=overlay, box=(x, y), mask=mask)
    return aug.convert(src_mode)


def split_and_shuffle(image, n_columns, n_rows, order):
    width, height = image.size
    wpt, hpt = width // n_columns, height // n_rows
    tiles = []
    for y0 in range(0, height - height % hpt, hpt):
        for x0 in range(0, width - width % wpt, wpt):
            tiles.append(image.crop((x0, y0, x0 + wpt, y0 + hpt)))
    tiles = [tiles[k] for k in order]  # AugLy: np.random.shuffle(sub_images); we give the order
    aug = Image.new(image.mode, (wpt * n_columns, hpt * n_rows))  # AugLy: RGB canvas (alpha lost); ours keeps the mode
    for i, t in enumerate(tiles):
        aug.paste(t, ((i % n_columns) * wpt, (i // n_columns) * hpt))
    return aug


def pad(image, w_factor, h_factor, color):
    src_mode = image.mode
    width, height = image.size
    left = right = int(w_factor * width)
    top = bottom = int(h_factor * height)
    aug = Image.new(mode='RGB', size=(width + left + right, height + top + bottom), color=tuple(color))
    aug.paste(image, box=(left, top))
    return aug.convert(src_mode)


def pad_aspect_ratio(image, ratio, color):
    """pad_square() generalised as padAspectRatio documents (ratio 1: pad_square's arithmetic exactly)."""
    width, height = image.size
    tw = round(height * ratio)
    if width < tw:
        return pad(image, (tw - width) / (2 * width), 0, color)
    th = round(width / ratio)
    if height < th:
        return pad(image, 0, (th - height) / (2 * height), color)
    return pad(image, 0, 0, color)


def sharpen(image, factor):
    return ImageEnhance.Sharpness(image).enhance(factor)


def social_frame(image, border, top_bar, bottom_bar, border_color, bar_color):
    src_mode = image.mode
    w, h = image.size
    b = int(border * min(w, h))
    tb, bb = int(top_bar * h), int(bottom_bar * h)
    W, H = w + 2 * b, h + 2 * b + tb + bb
    canvas = Image.new('RGB', (W, H), tuple(border_color))
    canvas.paste(image.convert('RGB'), (b, b + tb))
    d = ImageDraw.Draw(canvas)
    if tb:
        d.rectangle([0, 0, W - 1, tb - 1], fill=tuple(bar_color))
    if bb:
        d.rectangle([0, H - bb, W - 1, H - 1], fill=tuple(bar_color))
    out = canvas.convert(src_mode)
    if src_mode == 'RGBA':  # our frame keeps the image's alpha inside (AugLy-style canvases would make it 255)
        a = np.array(out)
        a[b + tb:b + tb + h, b:b + w, 3] = np.asarray(image)[:, :, 3]
        out = Image.fromarray(a, 'RGBA')
    return out


def jpeg_chain(image, qualities):
    mode = image.mode
    for q in qualities:
        buf = io.BytesIO()
        image.convert('RGB' if mode == 'RGBA' else mode).save(buf, format='JPEG', quality=q)
        im = Image.open(buf)
        im.load()
        if mode == 'RGBA':  # AugLy would drop alpha; we keep it, so keep it here too
            im = im.convert('RGBA')
            im.putalpha(image.getchannel('A'))
        image = im
    return image


w = Writer()
rng = np.random.default_rng(14)
for i, (name, a) in enumerate(w.inputs):
    im = pil(a)
    mode = im.mode
    for r in (0.13, 0.3, 0.5):
        w.add(f'pixelization/{r}/{name}', 'pixelization', [{'ratio': r}], i, arr(pixelization(im, r)), exact=True)
    for f, interp in ((0.5, 'auto'), (1.7, 'auto'), (0.6, 'bicubic'), (0.45, 'nearest'), (0.7, 'box'), (0.5, 'hamming'), (1.3, 'bicubic')):
        w.add(f'scale/{f}/{interp}/{name}', 'scale', [{'factor': f, 'interpolation': interp}], i, arr(scale(im, f, interp)), exact=True)
    for lv in (0.0, 0.2, 0.5, 1.0):
        w.add(f'opacity/{lv}/{name}', 'opacity', [{'level': lv}], i, arr(opacity(im, lv)), exact=True)
    for k, (lw, col, ang, dens, typ, op) in enumerate([
            (0.5, [255, 255, 255], 0, 0.5, 'solid', 1.0), (0.3, [255, 0, 0], 30, 0.8, 'solid', 0.7),
            (0.2, [0, 0, 0], 90, 0.7, 'dotted', 1.0), (0.6, [20, 200, 90], -45, 0.6, 'dashed', 0.5),
            (0.1, [0, 0, 255], 180, 0.9, 'solid', 0.9), (0.45, [255, 255, 0], 73.5, 0.85, 'dotted', 0.33)]):
        p = {'lineWidth': lw, 'lineColor': col, 'lineAngle': ang, 'lineDensity': dens, 'lineType': typ, 'lineOpacity': op}
        w.add(f'overlayStripes/{k}/{name}', 'overlayStripes', [p], i, arr(overlay_stripes(im, lw, col, ang, dens, typ, op)), exact=True)
    for k, (ov, opa, size, x, y) in enumerate([('ring', 1.0, 0.5, 0.2, 0.1), ('badge', 0.6, 0.3, 0.5, 0.6), ('checker', 0.8, 0.7, 0.4, 0.4), ('ring', 0.35, 1.0, 0.0, 0.0)]):
        p = {'overlay': ov, 'opacity': opa, 'overlaySize': size, 'xPos': x, 'yPos': y}
        w.add(f'overlayImage/{ov}{k}/{name}', 'overlayImage', [p], i, arr(overlay_image(im, mark(ov), opa, size, x, y)), exact=True)
    # A user overlay given as base64 bytes: the next sample photo, shrunk (RGB / grey / RGBA per its mode).
    ua = w.inputs[(i + 1) % len(w.inputs)][1][:24, :30]
    user = {'data': base64.b64encode(np.ascontiguousarray(ua).tobytes()).decode(), 'width': 30, 'height': 24, 'channels': int(ua.shape[2])}
    p = {'overlay': user, 'opacity': 0.75, 'overlaySize': 0.4, 'xPos': 0.55, 'yPos': 0.3}
    w.add(f'overlayImage/user/{name}', 'overlayImage', [p], i, arr(overlay_image(im, pil(ua), 0.75, 0.4, 0.55, 0.3)), exact=True)
    for cols, rows in ((3, 3), (2, 1), (4, 5), (1, 4)):
        gw, gh = im.size[0] // cols, im.size[1] // rows
        n = (im.size[0] // gw) * (im.size[1] // gh)
        order = [1, 0] if n == 2 else [int(v) for v in rng.permutation(n)]
        p = {'nColumns': cols, 'nRows': rows, 'order': order}
        w.add(f'splitAndShuffle/{cols}x{rows}/{name}', 'splitAndShuffle', [p], i, arr(split_and_shuffle(im, cols, rows, order)), exact=True)
    if mode != 'RGBA':  # AugLy's RGB canvas drops alpha; ours keeps it (documented), so RGBA is not compared
        for ratio, col in ((1.0, [0, 0, 0]), (1.0, [255, 128, 0]), (0.5, [10, 20, 30]), (2.5, [255, 255, 255]), (16 / 9, [0, 0, 255])):
            w.add(f'padAspectRatio/{ratio}/{name}', 'padAspectRatio', [{'ratio': ratio, 'color': col}], i, arr(pad_aspect_ratio(im, ratio, col)), exact=True)
    for f in (0.0, 0.5, 2.0, 6.0):
        out = arr(sharpen(im, f))
        if mode == 'RGBA':
            out = out.copy()
            out[:, :, 3] = a[:, :, 3]  # Pillow also blends alpha; we keep it (documented)
        w.add(f'sharpen/{f}/{name}', 'sharpen', [{'factor': f}], i, out)
    for k, (bd, tb, bb, bc, barc) in enumerate([(0.02, 0.08, 0.12, [255, 255, 255], [36, 37, 38]), (0.1, 0.0, 0.3, [0, 0, 0], [200, 10, 10]), (0.0, 0.2, 0.0, [1, 2, 3], [250, 250, 250])]):
        p = {'border': bd, 'topBar': tb, 'bottomBar': bb, 'borderColor': bc, 'barColor': barc}
        w.add(f'socialFrame/{k}/{name}', 'socialFrame', [p], i, arr(social_frame(im, bd, tb, bb, bc, barc)), exact=True)
    for qs in ([50], [90, 60, 30], [20, 20]):
        c = {'psnr': True}
        w.add(f'encodingQuality/{"-".join(map(str, qs))}/{name}', 'encodingQuality', [{'quality': qs}], i, arr(jpeg_chain(im, qs)))
        w.cases[-1].update(c)
FONTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', '..', 'fonts')
SANS = os.path.join(FONTS, 'edge-augment-caption-ascii.ttf')
EMOJI_TTF = os.path.join(FONTS, 'noto-emoji-subset.ttf')


def overlay_text(image, text, font_size, color, x_pos, y_pos):
    src_mode = image.mode
    image = image.convert('RGBA')
    width, height = image.size
    font_size = int(min(width, height) * font_size)
    font = ImageFont.truetype(SANS, font_size)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(text.split('\n')):
        draw.text(xy=(x_pos * width, y_pos * height + i * (font_size + 5)), text=line, fill=(color[0], color[1], color[2], 255), font=font)
    return image.convert(src_mode)


def meme_format(image, text, text_position, text_color, caption_height, meme_bg_color):
    src_mode = image.mode
    width, height = image.size
    font_size = caption_height - 10
    meme = Image.new('RGB', (width, height + caption_height), tuple(meme_bg_color))
    meme.paste(image.convert('RGB'), (0, caption_height) if text_position == 'top' else (0, 0))
    draw = ImageDraw.Draw(meme)
    x_pos, y_pos = 5, 5
    ascender_adjustment = round(40 * caption_height / 250)  # AugLy: 40 (for its 250 px default)
    while True:
        font = ImageFont.truetype(SANS, font_size)
        tb = draw.multiline_textbbox((x_pos, y_pos), text, font=font, anchor='la', align='center')
        tw, th = tb[2] - tb[0], tb[3] - tb[1]
        x_pos = round((width - tw) / 2)
        y_pos = round((caption_height - th) / 2)
        y_pos = y_pos - ascender_adjustment if text_position == 'top' else height + y_pos - ascender_adjustment
        if (tw <= width - 10 and th <= caption_height - 10) or font_size <= 5:
            break
        font_size -= 5
    draw.multiline_text((x_pos, y_pos), text, font=font, anchor='la', fill=tuple(text_color), align='center')
    return meme.convert(src_mode)


def overlay_emoji(image, emoji, emoji_size, x_pos, y_pos, color):
    src_mode = image.mode
    w_, h_ = image.size
    h = max(1, int(h_ * emoji_size))
    f = ImageFont.truetype(EMOJI_TTF, 10)
    upem, asc, desc = 2048, 1900, -500
    size = round(h * upem / (asc - desc))
    font = ImageFont.truetype(EMOJI_TTF, size)
    img = image.convert('RGBA')
    ImageDraw.Draw(img).text((int(w_ * x_pos), int(h_ * y_pos)), emoji, fill=tuple(color) + (255,), font=font)
    return img.convert(src_mode)


for i, (name, a) in enumerate(w.inputs):
    im = pil(a)
    for k, (text, fs, col, x, y) in enumerate([('LOL', 0.3, [255, 0, 0], 0.05, 0.2), ('Hello, AugLy!', 0.15, [255, 255, 255], 0.0, 0.5), ('FREE $$$\ncall 555', 0.18, [0, 255, 0], 0.1, 0.05), ('gjpqy WAV%', 0.22, [0, 0, 0], 0.0, 0.6)]):
        p = {'text': text, 'fontSize': fs, 'opacity': 1, 'color': col, 'xPos': x, 'yPos': y}
        w.add(f'overlayText/{k}/{name}', 'overlayText', [p], i, arr(overlay_text(im, text, fs, col, x, y)))
        w.cases[-1]['loose'] = True
    if im.mode != 'RGBA':  # AugLy's RGB meme canvas drops alpha
        for k, (text, pos, cap) in enumerate([('LOL', 'top', 30), ('WOW', 'bottom', 24), ('so\nmeme', 'top', 40)]):
            p = {'text': text, 'textPosition': pos, 'opacity': 1, 'textColor': [0, 0, 0], 'captionHeight': cap, 'memeBgColor': [255, 255, 255]}
            w.add(f'memeFormat/{k}/{name}', 'memeFormat', [p], i, arr(meme_format(im, text, pos, [0, 0, 0], cap, [255, 255, 255])))
            w.cases[-1]['loose'] = True
    for k, (emo, size, x, y) in enumerate([('\U0001F60D', 0.5, 0.2, 0.2), ('\U0001F525', 0.3, 0.6, 0.1), ('\u2764', 0.4, 0.0, 0.5)]):
        h = max(1, int(im.size[1] * size))
        p = {'emoji': emo, 'opacity': 1, 'emojiSize': size, 'xPos': x, 'yPos': y, 'color': [255, 200, 0]}
        w.add(f'overlayEmoji/{k}/{name}', 'overlayEmoji', [p], i, arr(overlay_emoji(im, emo, size, x, y, [255, 200, 0])))
        w.cases[-1]['loose'] = True

def quantize(a, levels, dither):
    H, W, C = a.shape
    L1 = levels - 1
    pal = [math.floor(q * 255 / L1 + 0.5) for q in range(levels)]
    out = a.copy()
    cc = 3 if C == 4 else C
    for c in range(cc):
        if dither == 'none':
            for y in range(H):
                for x in range(W):
                    out[y, x, c] = pal[math.floor(int(a[y, x, c]) * L1 / 255 + 0.5)]
            continue
        cur = [0.0] * (W + 2)
        nxt = [0.0] * (W + 2)
        for y in range(H):
            for x in range(W):
                v = int(a[y, x, c]) + cur[x + 1]
                q = min(max(math.floor(v * L1 / 255 + 0.5), 0), L1)
                p = pal[q]
                out[y, x, c] = p
                e = v - p
                cur[x + 2] += e * 7 / 16
                nxt[x] += e * 3 / 16
                nxt[x + 1] += e * 5 / 16
                nxt[x + 2] += e * 1 / 16
            cur, nxt = nxt, [0.0] * (W + 2)
    return out


for i, (name, a) in enumerate(w.inputs):
    for levels, dither in ((6, 'floydSteinberg'), (6, 'none'), (2, 'floydSteinberg'), (4, 'none'), (17, 'floydSteinberg')):
        w.add(f'colorQuantize/{levels}/{dither}/{name}', 'colorQuantize', [{'levels': levels, 'dither': dither}], i, quantize(a, levels, dither), exact=True)
    if a.shape[2] == 3:  # Pillow's own web-palette conversion, for closeness only
        ref = arr(pil(a).convert('P').convert('RGB'))
        w.add(f'colorQuantize/pillow/{name}', 'colorQuantize', [{'levels': 6, 'dither': 'floydSteinberg'}], i, ref)
        w.cases[-1]['pillow'] = True

w.save(os.path.dirname(os.path.abspath(__file__)))
print(len(w.cases), 'cases')
