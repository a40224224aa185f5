"""Draw the integration's brand icon (256 px and 512 px): a ringing handset on XiVO blue."""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).parents[2] / "custom_components" / "xivo" / "brand"
WHITE = (255, 255, 255, 255)


def _blob(pen: ImageDraw.ImageDraw, cx: float, cy: float, length: float, width: float) -> None:
    """A rounded piece lying along the 45° diagonal, centred on (cx, cy)."""
    dx, dy = math.cos(math.radians(45)), -math.sin(math.radians(45))
    steps = 24
    for i in range(steps + 1):
        t = -length / 2 + length * i / steps
        x, y = cx + dx * t, cy + dy * t
        pen.ellipse((x - width / 2, y - width / 2, x + width / 2, y + width / 2), fill=WHITE)


def draw(size: int) -> Image.Image:
    scale = 4  # supersample, then downsize for smooth edges
    big = size * scale
    u = big / 16
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((0, 0, big - 1, big - 1), radius=big // 5, fill=(21, 101, 192, 255))
    cx, cy, r = 7.2 * u, 8.8 * u, 4.6 * u
    pen.arc((cx - r, cy - r, cx + r, cy + r), start=140, end=310, fill=WHITE, width=int(1.5 * u))
    for angle in (135, 315):
        a = math.radians(angle)
        ex, ey = cx + r * math.cos(a), cy + r * math.sin(a)
        # Pieces sit just inside the grip, facing the ear and the mouth.
        _blob(pen, ex + (cx - ex) * 0.12, ey + (cy - ey) * 0.12, 2.6 * u, 2.4 * u)
    for index in range(3):
        wr = (1.6 + 1.25 * index) * u
        wx, wy = 10.6 * u, 5.4 * u
        pen.arc(
            (wx - wr, wy - wr, wx + wr, wy + wr), start=-75, end=5, fill=WHITE, width=int(0.6 * u)
        )
    return image.resize((size, size), Image.Resampling.LANCZOS)


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    draw(256).save(OUT / "icon.png")
    draw(512).save(OUT / "icon@2x.png")
