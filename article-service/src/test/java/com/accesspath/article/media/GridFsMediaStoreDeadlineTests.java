package com.accesspath.article.media;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import com.accesspath.article.ArticleIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A file written or read slowly, while answering a request, is not cut off by the request
 * deadline the service's other queries have (here 300 ms): a 50 MB upload, or a picture
 * streamed to a reader on a slow line, takes longer than that.
 */
@ArticleIntegrationTest
@TestPropertySource(properties = "accesspath.mongodb.request-deadline=300ms")
class GridFsMediaStoreDeadlineTests {

	@Autowired
	MediaStore store;

	@BeforeEach
	void asInARequest() {
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
	}

	@AfterEach
	void requestDone() {
		RequestContextHolder.resetRequestAttributes();
	}

	@Test
	void aSlowUploadAndASlowReaderOutlastTheRequestDeadline() throws Exception {
		byte[] bytes = new byte[2 * 1024 * 1024];
		new Random(22).nextBytes(bytes);
		String key = "deadline-test/" + System.nanoTime() + ".pdf";
		// Ten pieces, 60 ms apart: 600 ms in all, twice the deadline.
		this.store.put(key, new SlowStream(bytes, bytes.length / 10), bytes.length, "application/pdf");
		MediaStore.StoredFile stored = this.store.open(key).orElseThrow();
		ByteArrayOutputStream read = new ByteArrayOutputStream();
		try (InputStream in = stored.content()) {
			byte[] buffer = new byte[bytes.length / 10];
			int n;
			while ((n = in.read(buffer)) > 0) {
				read.write(buffer, 0, n);
				Thread.sleep(60);
			}
		}
		assertThat(stored.length()).isEqualTo(bytes.length);
		assertThat(Arrays.equals(read.toByteArray(), bytes)).isTrue();
	}

	/** Gives its bytes a piece at a time, pausing before each. */
	private static final class SlowStream extends InputStream {

		private final byte[] bytes;

		private final int piece;

		private int position;

		SlowStream(byte[] bytes, int piece) {
			this.bytes = bytes;
			this.piece = piece;
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return (read(one, 0, 1) < 0) ? -1 : (one[0] & 0xFF);
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (this.position >= this.bytes.length) {
				return -1;
			}
			try {
				Thread.sleep(60);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException(ex);
			}
			int n = Math.min(Math.min(length, this.piece), this.bytes.length - this.position);
			System.arraycopy(this.bytes, this.position, buffer, offset, n);
			this.position += n;
			return n;
		}

	}

}
