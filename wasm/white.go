//go:build js && wasm

package main

import (
	"image"
	"image/color"

	"github.com/hajimehoshi/ebiten/v2"
)

// white3 and whiteCentre are the sources of solid triangles, made the
// first time something is drawn (not at start-up): a white 3×3 image,
// whose centre pixel (source coordinates 1.5, 1.5) filtering never reads
// past, and that centre pixel as an image of its own.
var white3, whiteCentre *ebiten.Image

// whiteImage returns the white 3×3 image.
func whiteImage() *ebiten.Image {
	if white3 == nil {
		white3 = ebiten.NewImage(3, 3)
		white3.Fill(color.White)
	}
	return white3
}

// whitePixel returns the white 3×3 image's centre pixel.
func whitePixel() *ebiten.Image {
	if whiteCentre == nil {
		whiteCentre = whiteImage().SubImage(image.Rect(1, 1, 2, 2)).(*ebiten.Image)
	}
	return whiteCentre
}
