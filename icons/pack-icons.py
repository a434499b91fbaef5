#!/usr/bin/env python3
"""Packs the rendered PNGs into a Windows .ico and a macOS .icns (Python 3 standard library only).

    pack-icons.py ico OUT.ico 16.png 24.png 32.png ... 256.png
    pack-icons.py icns OUT.icns 16.png 32.png 64.png 128.png 256.png 512.png 1024.png

Both formats are containers of images of several sizes; the size of each image is read from its PNG header.

ICO: a 6-byte header, one 16-byte directory entry per image, then the images. Images of 256 px are
stored as PNG (Windows Vista and later); smaller ones as 32-bit BMP (a BITMAPINFOHEADER, the BGRA rows
bottom-up, then a 1-bit transparency mask), which every Windows tool and resource compiler understands.

ICNS: 'icns' and the big-endian file length, then one (type, length, PNG bytes) element per image. The
PNG-carrying types of macOS 10.7 and later are used: the type says the pixel size and whether it is the
@2x variant of a smaller size, so one PNG can serve two types (256 px is both 256@1x and 128@2x).
"""
import struct
import sys
import zlib

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# pixel size -> ICNS types carrying a PNG of that size
ICNS_TYPES = {
    16: [b"icp4"],
    32: [b"icp5", b"ic11"],
    64: [b"icp6", b"ic12"],
    128: [b"ic07"],
    256: [b"ic08", b"ic13"],
    512: [b"ic09", b"ic14"],
    1024: [b"ic10"],
}


def fail(message):
    sys.exit("pack-icons.py: " + message)


def read_png(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != PNG_SIGNATURE:
        fail(f"{path} is not a PNG file")
    return data


def chunks(data):
    pos = 8
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        yield kind, data[pos + 8:pos + 8 + length]
        pos += 12 + length


def png_size(path, data):
    kind, header = next(chunks(data))
    if kind != b"IHDR":
        fail(f"{path}: the first chunk is not IHDR")
    width, height = struct.unpack(">II", header[:8])
    if width != height:
        fail(f"{path} is {width}x{height}; icons must be square")
    return width


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def png_rgba(path, data):
    """The pixels of an 8-bit RGB or RGBA, non-interlaced PNG as rows of RGBA bytes, top row first."""
    header = None
    compressed = bytearray()
    for kind, body in chunks(data):
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            compressed += body
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace != 0:
        fail(f"{path}: only 8-bit RGB/RGBA non-interlaced PNGs are supported "
             f"(got depth {depth}, colour type {colour}, interlace {interlace}); render with rsvg-convert")
    channels = 4 if colour == 6 else 3
    stride = width * channels
    raw = zlib.decompress(bytes(compressed))
    rows = []
    previous = bytearray(stride)
    pos = 0
    for _ in range(height):
        filter_type = raw[pos]
        line = bytearray(raw[pos + 1:pos + 1 + stride])
        pos += 1 + stride
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            upper_left = previous[i - channels] if i >= channels else 0
            if filter_type == 1:
                line[i] = (line[i] + left) & 0xFF
            elif filter_type == 2:
                line[i] = (line[i] + up) & 0xFF
            elif filter_type == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif filter_type == 4:
                line[i] = (line[i] + paeth(left, up, upper_left)) & 0xFF
            elif filter_type != 0:
                fail(f"{path}: unknown PNG row filter {filter_type}")
        previous = line
        if channels == 3:
            rgba = bytearray()
            for i in range(0, stride, 3):
                rgba += line[i:i + 3] + b"\xff"
            line = rgba
        rows.append(bytes(line))
    return rows


def bmp_entry(size, rows):
    """A 32-bit DIB as ICO stores it: the header gives twice the height (colour rows plus mask rows)."""
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    colour = bytearray()
    for row in reversed(rows):
        for i in range(0, len(row), 4):
            r, g, b, a = row[i:i + 4]
            colour += bytes((b, g, r, a))
    mask_stride = ((size + 31) // 32) * 4
    mask = bytearray()
    for row in reversed(rows):
        bits = bytearray(mask_stride)
        for x in range(size):
            if row[4 * x + 3] == 0:  # fully transparent: set in the mask for programs that ignore alpha
                bits[x // 8] |= 0x80 >> (x % 8)
        mask += bits
    return header + bytes(colour) + bytes(mask)


def write_ico(out, paths):
    images = []
    for path in paths:
        data = read_png(path)
        size = png_size(path, data)
        if size > 256:
            fail(f"{path}: ICO images are at most 256 px")
        body = data if size == 256 else bmp_entry(size, png_rgba(path, data))
        images.append((size, body))
    images.sort(key=lambda image: image[0])
    offset = 6 + 16 * len(images)
    directory = bytearray(struct.pack("<HHH", 0, 1, len(images)))
    for size, body in images:
        side = 0 if size == 256 else size  # 0 means 256
        directory += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(body), offset)
        offset += len(body)
    with open(out, "wb") as f:
        f.write(directory)
        for _, body in images:
            f.write(body)


def write_icns(out, paths):
    elements = bytearray()
    for path in sorted(paths, key=lambda p: png_size(p, read_png(p))):
        data = read_png(path)
        size = png_size(path, data)
        if size not in ICNS_TYPES:
            fail(f"{path}: no ICNS type for {size} px (use {sorted(ICNS_TYPES)})")
        for kind in ICNS_TYPES[size]:
            elements += kind + struct.pack(">I", 8 + len(data)) + data
    with open(out, "wb") as f:
        f.write(b"icns" + struct.pack(">I", 8 + len(elements)) + bytes(elements))


def main(argv):
    if len(argv) < 4 or argv[1] not in ("ico", "icns"):
        fail("usage: pack-icons.py ico|icns OUT PNG...")
    (write_ico if argv[1] == "ico" else write_icns)(argv[2], argv[3:])


if __name__ == "__main__":
    main(sys.argv)
