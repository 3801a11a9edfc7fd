package com.accesspath.article.seed;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import javax.imageio.ImageIO;

import org.springframework.stereotype.Component;

import com.accesspath.article.media.MediaLibrary;

/**
 * Covers for the demo articles, drawn here with Java2D and put in the media library like
 * an editor's upload, so a local site shows images from its first start. Each is an
 * abstract network (nodes, links, soft light) in its category's colours, laid out from
 * the slug: the same article always gets the same picture. No text: the card shows the
 * title, and no font is needed (a bare JDK may have none with Chinese glyphs).
 */
@Component
class DemoCovers {

	static final int WIDTH = 1280;

	static final int HEIGHT = 720;

	/**
	 * Two colours a palette: the gradient's ends; the light and the network are white.
	 */
	private static final Color[][] PALETTES = { { new Color(0x1A237E), new Color(0x00B0FF) },
			{ new Color(0x4527A0), new Color(0xEC407A) }, { new Color(0x004D40), new Color(0x26C6DA) },
			{ new Color(0xBF360C), new Color(0xFFB300) }, { new Color(0x0D47A1), new Color(0x7C4DFF) },
			{ new Color(0x263238), new Color(0x26A69A) } };

	private final MediaLibrary library;

	DemoCovers(MediaLibrary library) {
		this.library = library;
	}

	/** The library URL of the article's cover, drawn and added now. */
	String coverFor(String slug, String category) throws IOException {
		return this.library.add(slug + ".jpg", draw(slug, category), DemoContentLoader.DEMO_EDITOR);
	}

	static byte[] draw(String slug, String category) throws IOException {
		Random random = new Random(slug.hashCode());
		Color[] palette = PALETTES[Math.floorMod(String.valueOf(category).hashCode(), PALETTES.length)];
		BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
			g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
			boolean flip = random.nextBoolean();
			g.setPaint(new GradientPaint(0, flip ? HEIGHT : 0, palette[0], WIDTH, flip ? 0 : HEIGHT, palette[1]));
			g.fillRect(0, 0, WIDTH, HEIGHT);
			for (int i = 0; i < 3; i++) {
				float radius = 250 + random.nextInt(350);
				Point2D centre = new Point2D.Float(random.nextInt(WIDTH), random.nextInt(HEIGHT));
				g.setPaint(new RadialGradientPaint(centre, radius, new float[] { 0f, 1f },
						new Color[] { new Color(255, 255, 255, 70), new Color(255, 255, 255, 0) }));
				g.fill(new Ellipse2D.Double(centre.getX() - radius, centre.getY() - radius, radius * 2, radius * 2));
			}
			List<Point2D> nodes = new ArrayList<>();
			for (int i = 0; i < 34; i++) {
				nodes.add(new Point2D.Double(random.nextInt(WIDTH), random.nextInt(HEIGHT)));
			}
			g.setStroke(new BasicStroke(2f));
			for (int i = 0; i < nodes.size(); i++) {
				for (int j = i + 1; j < nodes.size(); j++) {
					double distance = nodes.get(i).distance(nodes.get(j));
					if (distance < 300) {
						g.setColor(new Color(255, 255, 255, (int) (110 * (1 - distance / 300))));
						g.draw(new Line2D.Double(nodes.get(i), nodes.get(j)));
					}
				}
			}
			for (Point2D node : nodes) {
				double size = 6 + random.nextInt(14);
				g.setColor(new Color(255, 255, 255, 120 + random.nextInt(120)));
				g.fill(new Ellipse2D.Double(node.getX() - size / 2, node.getY() - size / 2, size, size));
			}
		}
		finally {
			g.dispose();
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "jpeg", out);
		return out.toByteArray();
	}

}
