package com.accesspath.article.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import javax.imageio.ImageIO;

/** Small real images for the tests that upload some. */
public final class MediaLibraryTestImages {

	private MediaLibraryTestImages() {
	}

	public static byte[] png(int width, int height) throws IOException {
		return png(width, height, false);
	}

	/** Half filled with blue, see-through at half strength when {@code alpha}. */
	public static byte[] png(int width, int height, boolean alpha) throws IOException {
		BufferedImage image = new BufferedImage(width, height,
				alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(new Color(20, 120, 200, alpha ? 128 : 255));
		graphics.fillRect(0, 0, width / 2, height);
		graphics.dispose();
		return encoded(image, "png");
	}

	/** One colour throughout. */
	public static byte[] jpeg(int width, int height, Color colour) throws IOException {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(colour);
		graphics.fillRect(0, 0, width, height);
		graphics.dispose();
		return encoded(image, "jpeg");
	}

	private static byte[] encoded(BufferedImage image, String format) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, format, out);
		return out.toByteArray();
	}

}
