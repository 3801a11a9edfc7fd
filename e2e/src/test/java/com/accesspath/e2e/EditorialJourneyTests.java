package com.accesspath.e2e;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #22's journey: an editor uploads a cover, writes in the rich-text editor, saves
 * twice, restores the first revision, makes it the 头条 and publishes it; readers see it
 * with its picture on the home page and on its page.
 */
class EditorialJourneyTests extends Journeys {

	@Test
	void anEditorUploadsACoverWritesSavesTwiceRestoresTheFirstFeaturesAndPublishes() throws Exception {
		long run = System.nanoTime() % 100_000;
		String first = "端到端:视觉大模型让质检提速 " + run;
		String second = "端到端:第二稿标题 " + run;
		this.browser.open("/console/articles/new", "console-article");
		this.browser.type("#token", Platform.token("EDITOR", "e2e-editor"));
		this.browser.click("form.signin button[type=submit]");
		this.browser.waitForPage("console-article");

		// The cover: a photo from the editor's disk, into the library and onto the
		// article.
		this.browser.click("#cover-pick");
		WebElement file = this.browser.waitFor(By.cssSelector("dialog.media-dialog[open] input[type=file]"));
		((JavascriptExecutor) this.browser.driver).executeScript("arguments[0].style.display = 'block'", file);
		file.sendKeys(photo().toAbsolutePath().toString());
		this.browser
			.waitUntil(driver -> this.browser.find("#article-coverImage").getAttribute("value").startsWith("/media/"));
		String cover = this.browser.find("#article-coverImage").getAttribute("value");
		assertThat(cover).matches("/media/[0-9a-f]{32}/e2e-cover-\\d+\\.jpg");
		this.browser.waitUntil(driver -> loaded(this.browser.find("#cover-preview")));

		this.browser.type("#article-title", first);
		this.browser.type("#article-summary", "一家零部件厂用视觉大模型把质检漏检率降到千分之一。");
		this.browser.choose("#article-category", "tech");
		// The body, typed into the rich-text editor as an editor does.
		write("视觉大模型正在进入工厂质检环节。第一稿。");
		this.browser.click("#save");
		this.browser.waitFor(By.cssSelector("#editor-notice"));
		assertThat(this.browser.text("#article-status")).isEqualTo("草稿");
		String id = idFrom(this.browser.driver.getCurrentUrl());

		// The second save: another title, more text.
		this.browser.type("#article-title", second);
		write("第二稿加了一段,后来觉得不好。");
		this.browser.click("#save");
		this.browser.waitUntil(driver -> this.browser.findAll("#revision-list li").size() == 2);
		this.browser.screenshots("console-article-revisions");

		// Typed and not saved: kept in this browser, a warning on leaving, offered back
		// on
		// return.
		String saved = this.browser.find("#article-summary").getAttribute("value");
		this.browser.type("#article-summary", "还没保存的摘要");
		this.browser.waitUntil(
				driver -> driver.executeScript("return localStorage.getItem('accesspath.draft." + id + "')") != null);
		// Leaving now would be warned of (ChromeDriver answers the browser's own dialog
		// itself, so the page's answer to the event is what is checked).
		assertThat(this.browser.driver.executeScript(
				"const e = new Event('beforeunload', {cancelable: true}); window.dispatchEvent(e); return e.defaultPrevented;"))
			.isEqualTo(true);
		this.browser.driver.navigate().refresh();
		this.browser.waitForPage("console-article");
		this.browser.waitFor(By.cssSelector("#draft-offer"));
		this.browser.screenshots("console-article-draft-offer");
		this.browser.click("#restore-draft");
		assertThat(this.browser.find("#article-summary").getAttribute("value")).isEqualTo("还没保存的摘要");
		this.browser.type("#article-summary", saved);
		this.browser.click("#save");
		this.browser.waitUntil(driver -> this.browser.findAll("#revision-list li").size() == 3);

		// Back to the first: a restore is a new save of that content.
		this.browser.click("#revision-list li[data-revision='1'] .restore-revision");
		this.browser.driver.switchTo().alert().accept();
		this.browser.waitUntil(driver -> first.equals(this.browser.find("#article-title").getAttribute("value")));
		this.browser.waitUntil(driver -> this.browser.findAll("#revision-list li").size() == 4);
		HttpResponse<String> revisions = admin("/api/admin/articles/" + id + "/revisions");
		assertThat(revisions.body()).contains("\"restoredFrom\":1").contains(first).contains(second);
		assertThat(admin("/api/admin/articles/" + id).body()).contains("第一稿").doesNotContain("第二稿加了一段");

		// 头条, then published.
		this.browser.click("#featured");
		this.browser.waitUntil(driver -> "true".equals(this.browser.find("#featured").getAttribute("aria-pressed")));
		this.browser.click("#publish-now");
		this.browser.waitUntil(driver -> "已发布".equals(this.browser.text("#article-status")));
		this.browser.screenshots("console-article-featured");

		// Readers: the home page's 头条 with its cover (the page may come from a cache for
		// some seconds: the reader reloads until it is there).
		this.browser.open("/", "home");
		this.browser.waitUntil(driver -> {
			if (!this.browser.findAll(".headline h1 a").isEmpty()
					&& first.equals(this.browser.text(".headline h1 a"))) {
				return true;
			}
			driver.navigate().refresh();
			return false;
		});
		WebElement headline = this.browser.find(".headline .cover img");
		assertThat(headline.getAttribute("src")).contains(cover);
		assertThat(headline.getAttribute("srcset")).contains(cover + "?w=640 640w");
		this.browser.waitUntil(driver -> loaded(this.browser.find(".headline .cover img")));
		this.browser.screenshots("home-with-covers");

		this.browser.click(".headline h1 a");
		this.browser.waitForPage("article");
		assertThat(this.browser.text(".article-page h1")).isEqualTo(first);
		assertThat(this.browser.text(".article-body")).contains("第一稿");
		this.browser.waitUntil(driver -> loaded(this.browser.find(".article-page .cover img")));
		this.browser.screenshots("article-with-cover");

		// The picture itself, as any cache may keep it.
		HttpResponse<byte[]> image = Platform.download(Platform.GATEWAY + cover + "?w=320");
		assertThat(image.statusCode()).isEqualTo(200);
		assertThat(image.headers().firstValue("Cache-Control").orElseThrow()).contains("immutable");
		assertThat(ImageIO.read(new ByteArrayInputStream(image.body())).getWidth()).isEqualTo(320);
	}

	/** Types at the end of the rich-text editor's body (TinyMCE's frame). */
	private void write(String text) {
		WebElement frame = this.browser.waitFor(By.cssSelector(".tox-edit-area iframe"));
		this.browser.driver.switchTo().frame(frame);
		try {
			WebElement body = this.browser.driver.findElement(By.id("tinymce"));
			body.click();
			body.sendKeys(Keys.chord(Keys.CONTROL, Keys.END));
			body.sendKeys(Keys.ENTER, text);
		}
		finally {
			this.browser.driver.switchTo().defaultContent();
		}
	}

	private boolean loaded(WebElement image) {
		return Boolean.TRUE.equals(((JavascriptExecutor) this.browser.driver)
			.executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0", image));
	}

	/** A landscape photo the size a camera's export might have. */
	private static Path photo() throws Exception {
		BufferedImage image = new BufferedImage(1800, 1012, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setPaint(new GradientPaint(0, 0, new Color(0x0D47A1), 1800, 1012, new Color(0x26C6DA)));
		graphics.fillRect(0, 0, 1800, 1012);
		graphics.setColor(new Color(255, 255, 255, 160));
		for (int i = 0; i < 12; i++) {
			graphics.fillOval(120 + i * 130, 300 + (i % 3) * 140, 90, 90);
		}
		graphics.dispose();
		Path file = Path.of("target", "e2e-cover-" + System.nanoTime() % 1_000_000 + ".jpg");
		Files.createDirectories(file.getParent());
		ImageIO.write(image, "jpeg", file.toFile());
		return file;
	}

	private static HttpResponse<String> admin(String path) throws Exception {
		return Platform.send(HttpRequest.newBuilder(URI.create(Platform.GATEWAY + path))
			.header("Authorization", "Bearer " + Platform.token("EDITOR")));
	}

	private static String idFrom(String url) {
		Matcher matcher = Pattern.compile("/console/articles/([0-9a-f]{24})").matcher(url);
		assertThat(matcher.find()).as(url).isTrue();
		return matcher.group(1);
	}

}
