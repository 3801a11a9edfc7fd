package com.accesspath.article.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import net.coobird.thumbnailator.Thumbnails;
import net.coobird.thumbnailator.filters.ImageFilter;
import net.coobird.thumbnailator.util.exif.ExifFilterUtils;
import net.coobird.thumbnailator.util.exif.ExifUtils;
import net.coobird.thumbnailator.util.exif.Orientation;

/**
 * An uploaded image made fit to serve: decoded (so a file that only starts like an image
 * is refused), turned upright as its EXIF says, and written anew, which leaves its
 * metadata behind (EXIF, GPS, camera, comments), at full size (at most
 * {@value #MAX_WIDTH} pixels wide) and at each rendition width below that.
 * <p>
 * An image's header says how large it is before any pixel is decoded: one declaring more
 * pixels than allowed is refused there (a decompression bomb is a few KiB declaring
 * 50,000 × 50,000), and a large one is decoded subsampled, so memory stays bounded
 * whatever the upload.
 */
class ImageRenditions {

	/** The widest image kept: twice the widest rendition, enough for any screen here. */
	static final int MAX_WIDTH = 2560;

	/** Pixels decoded at most (32 MiB as ARGB): larger images are read subsampled. */
	static final long MAX_DECODED_PIXELS = 8_000_000L;

	/** No photo or chart is this much longer than it is wide (or the reverse). */
	static final int MAX_ASPECT = 20;

	private static final float JPEG_QUALITY = 0.85f;

	/** One image as stored: the full-size file and one per rendition width. */
	record Result(MediaKind kind, int width, int height, byte[] full, List<Rendition> renditions) {
	}

	record Rendition(int width, int height, byte[] bytes) {
	}

	/** The file is not an image of its kind that decodes. */
	static class UndecodableImageException extends Exception {

		UndecodableImageException(String message, Throwable cause) {
			super(message, cause);
		}

	}

	/** The image declares more pixels than allowed. */
	static class TooManyPixelsException extends Exception {

		TooManyPixelsException(String message) {
			super(message);
		}

	}

	private final long maxPixels;

	private final List<Integer> widths;

	ImageRenditions(long maxPixels, List<Integer> widths) {
		this.maxPixels = maxPixels;
		this.widths = widths.stream().sorted().distinct().toList();
	}

	Result make(InputStream content, MediaKind kind)
			throws UndecodableImageException, TooManyPixelsException, IOException {
		BufferedImage image = decode(content, kind);
		MediaKind output = outputKind(kind, image);
		if (output == MediaKind.JPEG) {
			// Once, not per rendition: each copy of a large image is tens of MiB.
			image = opaque(image);
		}
		else if (image.getColorModel() instanceof IndexColorModel) {
			// A palette (a GIF's): its transparent entry becomes an alpha channel the
			// scaler keeps.
			image = redrawn(image, BufferedImage.TYPE_INT_ARGB, null);
		}
		if (image.getWidth() > MAX_WIDTH) {
			image = Thumbnails.of(image).width(MAX_WIDTH).asBufferedImage();
		}
		byte[] full = encode(image, image.getWidth(), output);
		List<Rendition> renditions = new ArrayList<>();
		for (int width : this.widths) {
			if (width < image.getWidth()) {
				byte[] bytes = encode(image, width, output);
				int height = (int) Math.max(1, Math.round((double) image.getHeight() * width / image.getWidth()));
				renditions.add(new Rendition(width, height, bytes));
			}
		}
		return new Result(output, image.getWidth(), image.getHeight(), full, List.copyOf(renditions));
	}

	private BufferedImage decode(InputStream content, MediaKind kind)
			throws UndecodableImageException, TooManyPixelsException, IOException {
		Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(kind.imageFormat());
		if (!readers.hasNext()) {
			throw new IllegalStateException("No ImageIO reader for " + kind);
		}
		ImageReader reader = readers.next();
		try (ImageInputStream in = ImageIO.createImageInputStream(content)) {
			reader.setInput(in, true, false);
			int width;
			int height;
			try {
				width = reader.getWidth(0);
				height = reader.getHeight(0);
			}
			catch (IOException | RuntimeException ex) {
				throw new UndecodableImageException("The file is not a " + kind + " image that can be read.", ex);
			}
			long pixels = (long) width * height;
			if (width <= 0 || height <= 0) {
				throw new UndecodableImageException("The image declares no pixels.", null);
			}
			if (pixels > this.maxPixels) {
				throw new TooManyPixelsException("The image declares " + width + " × " + height + " pixels; at most "
						+ this.maxPixels + " pixels are taken.");
			}
			if (Math.max(width, height) > (long) MAX_ASPECT * Math.min(width, height)) {
				throw new TooManyPixelsException("The image declares " + width + " × " + height
						+ " pixels; no side may be more than " + MAX_ASPECT + " times the other.");
			}
			if (kind == MediaKind.WEBP && pixels > MAX_DECODED_PIXELS) {
				// The WebP reader decodes the whole image whatever the subsampling asked.
				throw new TooManyPixelsException("The WebP image declares " + width + " × " + height
						+ " pixels; at most " + MAX_DECODED_PIXELS + " pixels are taken in WebP.");
			}
			Orientation orientation = orientation(reader, kind);
			ImageReadParam param = reader.getDefaultReadParam();
			int step = subsampling(width, height);
			if (step > 1) {
				param.setSourceSubsampling(step, step, 0, 0);
			}
			BufferedImage image;
			try {
				image = reader.read(0, param);
			}
			catch (IOException | RuntimeException ex) {
				throw new UndecodableImageException("The file is not a " + kind + " image that can be read.", ex);
			}
			if (orientation != null && orientation != Orientation.TOP_LEFT) {
				ImageFilter upright = ExifFilterUtils.getFilterForOrientation(orientation);
				image = upright.apply(image);
			}
			return image;
		}
		finally {
			reader.dispose();
		}
	}

	/**
	 * The smallest whole step that keeps the decoded image within bounds (ImageIO keeps a
	 * partial last step: sizes round up).
	 */
	static int subsampling(int width, int height) {
		int step = 1;
		while (decoded(width, step) * decoded(height, step) > MAX_DECODED_PIXELS
				|| decoded(width, step) > 2 * MAX_WIDTH) {
			step++;
		}
		return step;
	}

	private static long decoded(int size, int step) {
		return (size + step - 1L) / step;
	}

	private static Orientation orientation(ImageReader reader, MediaKind kind) {
		if (kind != MediaKind.JPEG) {
			return null;
		}
		try {
			return ExifUtils.getExifOrientation(reader, 0);
		}
		catch (IOException | RuntimeException ex) {
			// Unreadable EXIF: the image is taken as it lies.
			return null;
		}
	}

	/**
	 * JPEGs stay JPEGs; PNGs stay PNGs; WebP (which no well-kept Java library writes) and
	 * GIF become PNG when they have transparency, else JPEG.
	 */
	private static MediaKind outputKind(MediaKind kind, BufferedImage image) {
		return switch (kind) {
			case JPEG, PNG -> kind;
			default -> image.getColorModel().hasAlpha() ? MediaKind.PNG : MediaKind.JPEG;
		};
	}

	private static byte[] encode(BufferedImage source, int width, MediaKind kind) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Thumbnails.Builder<BufferedImage> builder = Thumbnails.of(source)
			.outputFormat(kind.imageFormat())
			.useExifOrientation(false);
		if (width == source.getWidth()) {
			builder.scale(1.0);
		}
		else {
			builder.width(width);
		}
		if (kind == MediaKind.JPEG) {
			builder.outputQuality(JPEG_QUALITY);
		}
		builder.toOutputStream(out);
		return out.toByteArray();
	}

	/** JPEG has no transparency: what was transparent turns white, not black. */
	private static BufferedImage opaque(BufferedImage image) {
		if (!image.getColorModel().hasAlpha() && image.getType() == BufferedImage.TYPE_INT_RGB) {
			return image;
		}
		return redrawn(image, BufferedImage.TYPE_INT_RGB, Color.WHITE);
	}

	private static BufferedImage redrawn(BufferedImage image, int type, Color background) {
		BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), type);
		Graphics2D graphics = copy.createGraphics();
		try {
			if (background != null) {
				graphics.setColor(background);
				graphics.fillRect(0, 0, copy.getWidth(), copy.getHeight());
			}
			graphics.drawImage(image, 0, 0, null);
		}
		finally {
			graphics.dispose();
		}
		return copy;
	}

}
