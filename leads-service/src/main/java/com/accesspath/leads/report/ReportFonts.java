package com.accesspath.leads.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadMemoryMappedFile;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The report's Chinese font (Noto Sans SC, SIL Open Font License 1.1, from
 * {@code ph-fonts-noto-sans-sc}: see the build), regular and bold, and the slots for
 * rendering PDFs. A font set is parsed once and then reused by one rendering at a time
 * (fontbox's fonts are not meant to be shared between threads); there are at most
 * {@code accesspath.leads.report.pdf.max-concurrent} of them, which is also how many PDFs
 * render at once. The 10 MB font files are copied out of the jar once and read through
 * memory mapping, so they never sit on the heap.
 */
@Component
class ReportFonts {

	static final String FAMILY = "Noto Sans SC";

	private static final String REGULAR = "fonts/ttf/NotoSansSC/NotoSansSC-Regular.ttf";

	private static final String BOLD = "fonts/ttf/NotoSansSC/NotoSansSC-Bold.ttf";

	/** Regular and bold, parsed. */
	record FontSet(TrueTypeFont regular, TrueTypeFont bold) {
	}

	private final Semaphore slots;

	private final Queue<FontSet> idle = new ConcurrentLinkedQueue<>();

	private final ReportProperties.Pdf settings;

	private Path regularFile;

	private Path boldFile;

	ReportFonts(ReportProperties properties) {
		this.settings = properties.pdf();
		this.slots = new Semaphore(this.settings.maxConcurrent(), true);
	}

	/**
	 * A font set for one rendering, waiting up to {@code queue-wait} for a slot (else
	 * {@link PdfBusyException}); give it back with {@link #release}.
	 */
	FontSet acquire() {
		try {
			if (!this.slots.tryAcquire(this.settings.queueWait().toMillis(), TimeUnit.MILLISECONDS)) {
				throw new PdfBusyException(this.settings.retryAfter());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PdfBusyException(this.settings.retryAfter());
		}
		FontSet fonts = this.idle.poll();
		if (fonts != null) {
			return fonts;
		}
		try {
			return load();
		}
		catch (IOException | RuntimeException ex) {
			this.slots.release();
			throw (ex instanceof RuntimeException runtime) ? runtime : new UncheckedIOException((IOException) ex);
		}
	}

	void release(FontSet fonts) {
		this.idle.add(fonts);
		this.slots.release();
	}

	private FontSet load() throws IOException {
		synchronized (this) {
			if (this.regularFile == null) {
				Path directory = Files.createTempDirectory("report-fonts");
				directory.toFile().deleteOnExit();
				this.boldFile = copy(BOLD, directory);
				this.regularFile = copy(REGULAR, directory);
			}
		}
		TTFParser parser = new TTFParser();
		return new FontSet(parser.parse(new RandomAccessReadMemoryMappedFile(this.regularFile)),
				parser.parse(new RandomAccessReadMemoryMappedFile(this.boldFile)));
	}

	private static Path copy(String resource, Path directory) throws IOException {
		Path file = directory.resolve(resource.substring(resource.lastIndexOf('/') + 1));
		try (InputStream in = new ClassPathResource(resource).getInputStream()) {
			Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
		}
		file.toFile().deleteOnExit();
		return file;
	}

}
