package com.accesspath.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver: a new profile per browser,
 * so every browser is a new anonymous visitor. Screenshots go to
 * {@code target/screenshots}, each at a desktop and a phone width.
 */
final class Browser implements AutoCloseable {

	static final Path CHROMIUM = Path.of(System.getProperty("e2e.chromium", "/usr/bin/chromium"));

	static final Path CHROMEDRIVER = Path.of(System.getProperty("e2e.chromedriver", "/usr/bin/chromedriver"));

	static final Path SCREENSHOTS = Path.of("target/screenshots");

	private static final Dimension DESKTOP = new Dimension(1366, 900);

	private static final Dimension PHONE = new Dimension(390, 844);

	final ChromeDriver driver;

	private final Path profile;

	private Browser(ChromeDriver driver, Path profile) {
		this.driver = driver;
		this.profile = profile;
	}

	static boolean installed() {
		return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
	}

	static Browser open() throws IOException {
		return open(true);
	}

	/**
	 * A browser that runs no page script, as Baidu's spider and WeChat's link preview
	 * read the site: what it shows is the server's HTML alone.
	 */
	static Browser openWithoutJavaScript() throws IOException {
		return open(false);
	}

	private static Browser open(boolean javascript) throws IOException {
		Path profile = Files.createTempDirectory("chromium-profile");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		// No network beyond localhost here: without these flags Chromium keeps trying
		// Google's services.
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--lang=zh-CN", "--hide-scrollbars", "--user-data-dir=" + profile,
				"--window-size=" + DESKTOP.width + "," + DESKTOP.height);
		if (!javascript) {
			// 2 = blocked: Chromium's content setting, as a reader who switched scripts
			// off has it.
			options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
		}
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		return new Browser(driver, profile);
	}

	/** Opens a page of the site and waits until its script has drawn it. */
	void open(String path, String page) {
		this.driver.get(path.startsWith("http") ? path : Platform.GATEWAY + path);
		waitForPage(page);
	}

	void waitForPage(String page) {
		waitFor(By.cssSelector("body[data-page='" + page + "']"));
	}

	WebElement waitFor(By by) {
		return new WebDriverWait(this.driver, Duration.ofSeconds(20))
			.until(ExpectedConditions.visibilityOfElementLocated(by));
	}

	void waitUntil(java.util.function.Function<ChromeDriver, Boolean> condition) {
		// A condition reading an element the page re-renders meanwhile is asked again,
		// not failed. A condition never met says where the browser was (a fallback
		// navigation shows there).
		new WebDriverWait(this.driver, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
			.withMessage(() -> "at " + this.driver.getCurrentUrl() + " (" + this.driver.getTitle() + ")")
			.until(driver -> condition.apply((ChromeDriver) driver));
	}

	WebElement find(String css) {
		return this.driver.findElement(By.cssSelector(css));
	}

	List<WebElement> findAll(String css) {
		return this.driver.findElements(By.cssSelector(css));
	}

	void type(String css, String text) {
		WebElement input = waitFor(By.cssSelector(css));
		input.clear();
		input.sendKeys(text);
	}

	void choose(String css, String value) {
		new Select(waitFor(By.cssSelector(css))).selectByValue(value);
	}

	void click(String css) {
		WebElement element = waitFor(By.cssSelector(css));
		JavascriptExecutor script = this.driver;
		script.executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
		// A page still settling (a font, an image, a script drawing) moves what it shows,
		// and a click lands where the element was: it goes once the element has stopped
		// moving.
		String[] last = { "" };
		new WebDriverWait(this.driver, Duration.ofSeconds(10)).pollingEvery(Duration.ofMillis(100))
			.ignoring(StaleElementReferenceException.class)
			.until(driver -> {
				String box = String.valueOf(script.executeScript(
						"const r = arguments[0].getBoundingClientRect(); return [r.x, r.y, r.width, r.height].join()",
						element));
				boolean still = box.equals(last[0]);
				last[0] = box;
				return still;
			});
		new WebDriverWait(this.driver, Duration.ofSeconds(10)).until(ExpectedConditions.elementToBeClickable(element))
			.click();
	}

	String text(String css) {
		return waitFor(By.cssSelector(css)).getText();
	}

	/**
	 * The whole page at a desktop and at a phone width: {@code name-desktop.png},
	 * {@code name-phone.png}.
	 */
	void screenshots(String name) throws IOException {
		Files.createDirectories(SCREENSHOTS);
		for (var size : List.of(new Object[] { "desktop", DESKTOP }, new Object[] { "phone", PHONE })) {
			Dimension viewport = (Dimension) size[1];
			this.driver.manage().window().setSize(viewport);
			Number width = (Number) ((JavascriptExecutor) this.driver)
				.executeScript("window.scrollTo(0, 0); return document.documentElement.clientWidth");
			Number height = (Number) ((JavascriptExecutor) this.driver)
				.executeScript("return Math.min(document.documentElement.scrollHeight, 8000)");
			// Beyond the viewport, so the footer is in the picture too.
			Map<String, Object> shot = this.driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
					"captureBeyondViewport", true, "clip",
					Map.of("x", 0, "y", 0, "width", width.intValue(), "height", height.intValue(), "scale", 1)));
			Files.write(SCREENSHOTS.resolve(name + "-" + size[0] + ".png"),
					Base64.getDecoder().decode((String) shot.get("data")));
		}
		this.driver.manage().window().setSize(DESKTOP);
	}

	/** A run's pictures only: what an earlier run left would pass for this one's. */
	static void clearScreenshots() throws IOException {
		if (Files.isDirectory(SCREENSHOTS)) {
			try (var files = Files.list(SCREENSHOTS)) {
				for (Path file : files.toList()) {
					Files.delete(file);
				}
			}
		}
	}

	@Override
	public void close() throws IOException {
		this.driver.quit();
		try (var paths = Files.walk(this.profile)) {
			paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
	}

}
