package com.accesspath.article.media;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

import com.accesspath.article.ArticleIntegrationTest;
import com.accesspath.devstack.LocalTokens;

import static com.accesspath.article.media.MediaLibraryTestImages.jpeg;
import static com.accesspath.article.media.MediaLibraryTestImages.png;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The media library against GridFS on the MongoDB-protocol server: what editors upload is
 * read by its bytes, cleaned of metadata, stored once with its renditions, and served as
 * immutable; what only pretends to be an image is refused, and nothing is stored for it.
 */
@ArticleIntegrationTest
class MediaLibraryIntegrationTests {

	private static final String SECRET = "GPS 31.2304N 121.4737E secret-camera-serial";

	@Autowired
	MockMvc mvc;

	@Autowired
	MongoTemplate mongo;

	@Test
	void aPhotoLosesItsExifAndGpsAndGainsRenditions() throws Exception {
		byte[] photo = withExif(jpeg(1600, 900, Color.ORANGE), SECRET);
		assertThat(new String(photo, StandardCharsets.ISO_8859_1)).contains(SECRET);

		String json = upload("factory line.jpg", "image/jpeg", photo).andExpect(status().isCreated())
			.andExpect(jsonPath("$.contentType").value("image/jpeg"))
			.andExpect(jsonPath("$.width").value(1600))
			.andExpect(jsonPath("$.height").value(900))
			.andExpect(jsonPath("$.renditions[*].width").value(org.hamcrest.Matchers.contains(320, 640, 1280)))
			.andExpect(jsonPath("$.uploadedBy").value("editor-li"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String url = JsonPath.read(json, "$.url");
		assertThat(url).matches("/media/[0-9a-f]{32}/factory-line\\.jpg");

		MockHttpServletResponse full = this.mvc.perform(get(url))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.CONTENT_TYPE, "image/jpeg"))
			.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "max-age=31536000, public, immutable"))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"))
			.andReturn()
			.getResponse();
		byte[] served = full.getContentAsByteArray();
		assertThat(new String(served, StandardCharsets.ISO_8859_1)).doesNotContain(SECRET).doesNotContain("Exif");
		BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(served));
		assertThat(decoded.getWidth()).isEqualTo(1600);
		assertThat(decoded.getHeight()).isEqualTo(900);
		// Still the picture it was, not a blank re-encode.
		assertThat(new Color(decoded.getRGB(800, 450))).satisfies(colour -> {
			assertThat(colour.getRed()).isGreaterThan(200);
			assertThat(colour.getBlue()).isLessThan(60);
		});

		byte[] narrow = this.mvc.perform(get(url + "?w=640"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		BufferedImage rendition = ImageIO.read(new ByteArrayInputStream(narrow));
		assertThat(rendition.getWidth()).isEqualTo(640);
		assertThat(rendition.getHeight()).isEqualTo(360);
		assertThat(narrow.length).isLessThan(served.length);

		String etag = full.getHeader(HttpHeaders.ETAG);
		this.mvc.perform(get(url).header(HttpHeaders.IF_NONE_MATCH, etag)).andExpect(status().isNotModified());
		this.mvc.perform(get(url + "?w=640").header(HttpHeaders.IF_NONE_MATCH, etag)).andExpect(status().isOk());
		this.mvc.perform(get(url + "?w=500")).andExpect(status().isBadRequest());
		this.mvc.perform(get(url.replace("factory-line", "other"))).andExpect(status().isNotFound());

		// Kept in GridFS: the full image and three renditions.
		String id = JsonPath.read(json, "$.id");
		assertThat(this.mongo.getCollection("media.files")
			.countDocuments(new org.bson.Document("filename", new org.bson.Document("$regex", "^" + id + "/"))))
			.isEqualTo(4);
	}

	@Test
	void aPhoneShotTakenSidewaysIsStoredUpright() throws Exception {
		// EXIF orientation 6: the camera held sideways, the pixels 400 wide and 200 high.
		byte[] tiff = { 'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0 };
		byte[] payload = concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), tiff);
		ByteBuffer segment = ByteBuffer.allocate(4 + payload.length);
		segment.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (payload.length + 2)).put(payload);
		byte[] sideways = jpeg(400, 200, Color.GREEN);
		byte[] photo = concat(Arrays.copyOf(sideways, 2), segment.array(),
				Arrays.copyOfRange(sideways, 2, sideways.length));
		upload("sideways.jpg", "image/jpeg", photo).andExpect(status().isCreated())
			.andExpect(jsonPath("$.width").value(200))
			.andExpect(jsonPath("$.height").value(400));
	}

	@Test
	void aPngLosesItsTextChunksAndASmallImageIsServedWhole() throws Exception {
		byte[] png = withTextChunk(png(800, 600, true), SECRET);
		String json = upload("chart.png", "image/png", png).andExpect(status().isCreated())
			.andExpect(jsonPath("$.contentType").value("image/png"))
			.andExpect(jsonPath("$.renditions[*].width").value(org.hamcrest.Matchers.contains(320, 640)))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String url = JsonPath.read(json, "$.url");
		byte[] served = this.mvc.perform(get(url)).andReturn().getResponse().getContentAsByteArray();
		assertThat(new String(served, StandardCharsets.ISO_8859_1)).doesNotContain(SECRET);
		BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(served));
		assertThat(decoded.getColorModel().hasAlpha()).as("transparency kept").isTrue();
		// No 1280 rendition of an 800-wide image: ?w=1280 is the image itself.
		byte[] wide = this.mvc.perform(get(url + "?w=1280"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		assertThat(wide).isEqualTo(served);
	}

	@Test
	void theSameFileUploadedTwiceIsOneEntry() throws Exception {
		byte[] photo = jpeg(400, 300, Color.BLUE);
		String first = JsonPath.read(upload("a.jpg", "image/jpeg", photo).andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString(), "$.id");
		String second = JsonPath.read(upload("b.jpg", "image/jpeg", photo).andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString(), "$.id");
		assertThat(second).isEqualTo(first);
		assertThat(this.mongo.getCollection("media").countDocuments(new org.bson.Document("_id", first))).isEqualTo(1);
	}

	@Test
	void whatOnlyPretendsToBeAnImageIsRefusedAndNothingIsStored() throws Exception {
		long before = this.mongo.getCollection("media").countDocuments();
		byte[] html = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);
		byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".getBytes(StandardCharsets.UTF_8);
		byte[] brokenPng = Arrays.copyOf(png(200, 200, false), 60);
		byte[] pngHeaderThenText = concat(Arrays.copyOf(png(10, 10, false), 8),
				"not really a png at all".getBytes(StandardCharsets.UTF_8));
		for (byte[] fake : List.of(html, svg, brokenPng, pngHeaderThenText)) {
			upload("cover.png", "image/png", fake).andExpect(status().isUnsupportedMediaType())
				.andExpect(header().string(HttpHeaders.CONTENT_TYPE, "application/problem+json"));
		}
		upload("notes.txt", "text/plain", "hello".getBytes(StandardCharsets.UTF_8))
			.andExpect(status().isUnsupportedMediaType());
		assertThat(this.mongo.getCollection("media").countDocuments()).isEqualTo(before);
	}

	@Test
	void aDecompressionBombIsRefusedFromItsHeader() throws Exception {
		byte[] bomb = pngDeclaring(50_000, 50_000);
		assertThat(bomb.length).isLessThan(200);
		// Refused from the header: decoding 2.5 billion pixels (10 GB) would not fit this
		// test's heap at all.
		upload("bomb.png", "image/png", bomb).andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("50000 × 50000")));
		assertThat(this.mongo.getCollection("media").countDocuments(new org.bson.Document("name", "bomb.png")))
			.isZero();
	}

	@Test
	void bombsThatStayUnderThePixelLimitAreRefusedToo() throws Exception {
		// 250,000 pixels but 50,000 high: refused for its shape, before any row is read.
		upload("strip.png", "image/png", pngDeclaring(5, 50_000)).andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("20 times")));
		// A lossless WebP declaring 7000 × 7000 (49 M pixels, under the limit): the WebP
		// reader would decode it whole, so WebP has the lower limit of what is decoded.
		upload("bomb.webp", "image/webp", webpDeclaring(7000, 7000)).andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("WebP")));
		assertThat(ImageRenditions.subsampling(6000, 4000)).isEqualTo(2);
		assertThat(ImageRenditions.subsampling(3000, 2000)).isEqualTo(1);
		// Rounded up as ImageIO does: 8 M pixels at most whatever the step.
		assertThat(ImageRenditions.subsampling(4001, 4001)).isEqualTo(2);
	}

	@Test
	void aGifWithTransparencyBecomesAPng() throws Exception {
		// A palette of red and a transparent entry, as GIFs have it.
		java.awt.image.IndexColorModel palette = new java.awt.image.IndexColorModel(8, 2, new byte[] { (byte) 255, 0 },
				new byte[] { 0, 0 }, new byte[] { 0, 0 }, 1);
		BufferedImage image = new BufferedImage(400, 300, BufferedImage.TYPE_BYTE_INDEXED, palette);
		for (int y = 0; y < 300; y++) {
			for (int x = 0; x < 400; x++) {
				image.getRaster().setSample(x, y, 0, (x < 200) ? 0 : 1);
			}
		}
		ByteArrayOutputStream gif = new ByteArrayOutputStream();
		ImageIO.write(image, "gif", gif);
		String json = upload("anim.gif", "image/gif", gif.toByteArray()).andExpect(status().isCreated())
			.andExpect(jsonPath("$.contentType").value("image/png"))
			.andExpect(jsonPath("$.width").value(400))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat((String) JsonPath.read(json, "$.url")).endsWith("/anim.png");
		BufferedImage served = ImageIO
			.read(new ByteArrayInputStream(this.mvc.perform(get((String) JsonPath.read(json, "$.url")))
				.andReturn()
				.getResponse()
				.getContentAsByteArray()));
		assertThat(served.getColorModel().hasAlpha()).isTrue();
		assertThat(new Color(served.getRGB(300, 150), true).getAlpha()).isZero();
		assertThat(new Color(served.getRGB(100, 150), true).getRed()).isGreaterThan(200);
	}

	@Test
	void anImageOverTheLimitIs413() throws Exception {
		byte[] big = concat(Arrays.copyOf(png(10, 10, false), 33), new byte[10 * 1024 * 1024]);
		upload("huge.png", "image/png", big).andExpect(status().isContentTooLarge());
	}

	@Test
	void aPdfIsKeptAsSent() throws Exception {
		byte[] pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
		String json = upload("白皮书 2026.pdf", "application/octet-stream", pdf).andExpect(status().isCreated())
			.andExpect(jsonPath("$.contentType").value("application/pdf"))
			.andExpect(jsonPath("$.width").doesNotExist())
			.andExpect(jsonPath("$.name").value("白皮书 2026.pdf"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String url = JsonPath.read(json, "$.url");
		assertThat(url).endsWith("/2026.pdf");
		this.mvc.perform(get(url))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.CONTENT_TYPE, "application/pdf"))
			.andExpect(header().string("Content-Security-Policy", org.hamcrest.Matchers.containsString("sandbox")));
		assertThat(this.mvc.perform(get(url)).andReturn().getResponse().getContentAsByteArray()).isEqualTo(pdf);
		this.mvc.perform(get(url + "?w=320")).andExpect(status().isBadRequest());
	}

	@Test
	void theLibraryIsPagedNewestFirst() throws Exception {
		for (int i = 0; i < 3; i++) {
			upload("page-" + i + ".png", "image/png", png(20 + i, 20, false)).andExpect(status().isCreated());
		}
		String first = this.mvc.perform(get("/api/admin/media?limit=2").header(HttpHeaders.AUTHORIZATION, editor()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items.length()").value(2))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String cursor = JsonPath.read(first, "$.nextCursor");
		List<String> firstIds = JsonPath.read(first, "$.items[*].id");
		String second = this.mvc
			.perform(get("/api/admin/media?limit=2&cursor=" + cursor).header(HttpHeaders.AUTHORIZATION, editor()))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		List<String> secondIds = JsonPath.read(second, "$.items[*].id");
		assertThat(secondIds).isNotEmpty().doesNotContainAnyElementsOf(firstIds);
		this.mvc.perform(get("/api/admin/media?cursor=not-ours").header(HttpHeaders.AUTHORIZATION, editor()))
			.andExpect(status().isBadRequest());
	}

	@Test
	void onlyEditorsUpload() throws Exception {
		MockMultipartFile file = new MockMultipartFile("file", "a.png", "image/png", png(10, 10, false));
		this.mvc.perform(multipart("/api/admin/media").file(file)).andExpect(status().isUnauthorized());
		this.mvc
			.perform(multipart("/api/admin/media").file(file)
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + LocalTokens.local().issue("SALES")))
			.andExpect(status().isForbidden());
		this.mvc.perform(multipart("/api/admin/media").header(HttpHeaders.AUTHORIZATION, editor()))
			.andExpect(status().isBadRequest());
	}

	private org.springframework.test.web.servlet.ResultActions upload(String name, String type, byte[] bytes)
			throws Exception {
		MockMultipartHttpServletRequestBuilder request = multipart("/api/admin/media")
			.file(new MockMultipartFile("file", name, type, bytes));
		request.header(HttpHeaders.AUTHORIZATION, editor());
		request.accept(MediaType.APPLICATION_JSON);
		return this.mvc.perform(request);
	}

	private static String editor() {
		return "Bearer " + LocalTokens.local().issue("editor-li", List.of("EDITOR"), Duration.ofHours(1));
	}

	/** A JPEG with an APP1 Exif segment (as a phone writes, with its GPS) after SOI. */
	private static byte[] withExif(byte[] jpeg, String text) {
		byte[] payload = concat("Exif\0\0MM\0*\0\0\0\b".getBytes(StandardCharsets.ISO_8859_1),
				text.getBytes(StandardCharsets.ISO_8859_1));
		ByteBuffer segment = ByteBuffer.allocate(4 + payload.length);
		segment.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (payload.length + 2)).put(payload);
		return concat(Arrays.copyOf(jpeg, 2), segment.array(), Arrays.copyOfRange(jpeg, 2, jpeg.length));
	}

	/** A PNG with a tEXt chunk right after IHDR. */
	private static byte[] withTextChunk(byte[] png, String text) {
		int afterHeader = 8 + 25;
		return concat(Arrays.copyOf(png, afterHeader),
				chunk("tEXt",
						concat("Comment\0".getBytes(StandardCharsets.ISO_8859_1),
								text.getBytes(StandardCharsets.ISO_8859_1))),
				Arrays.copyOfRange(png, afterHeader, png.length));
	}

	/** A well-formed PNG header declaring a huge image, with almost no pixel data. */
	private static byte[] pngDeclaring(int width, int height) {
		ByteBuffer header = ByteBuffer.allocate(13);
		header.putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
		return concat(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' }, chunk("IHDR", header.array()),
				chunk("IDAT", new byte[] { 0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01 }),
				chunk("IEND", new byte[0]));
	}

	/** A lossless WebP (VP8L) header declaring a size, with no image data after it. */
	private static byte[] webpDeclaring(int width, int height) {
		int bits = (width - 1) | ((height - 1) << 14);
		ByteBuffer vp8l = ByteBuffer.allocate(5 + 8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
		vp8l.put((byte) 0x2F).putInt(bits).putLong(0);
		byte[] data = vp8l.array();
		ByteBuffer riff = ByteBuffer.allocate(20 + data.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
		riff.put("RIFF".getBytes(StandardCharsets.US_ASCII))
			.putInt(12 + data.length)
			.put("WEBPVP8L".getBytes(StandardCharsets.US_ASCII))
			.putInt(data.length)
			.put(data);
		return riff.array();
	}

	private static byte[] chunk(String type, byte[] data) {
		byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
		CRC32 crc = new CRC32();
		crc.update(typeBytes);
		crc.update(data);
		ByteBuffer chunk = ByteBuffer.allocate(12 + data.length);
		chunk.putInt(data.length).put(typeBytes).put(data).putInt((int) crc.getValue());
		return chunk.array();
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

}
