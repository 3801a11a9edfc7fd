package com.accesspath.newsletter.wechat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The official account's custom menu (自定义菜单), pushed to WeChat when it changed. The rules
 * are WeChat's: 1 to 3 buttons, each either an action or a group of 1 to 5 actions; a
 * button's name at most 16 bytes, an action's in a group at most 60; a {@code view}
 * action opens its {@code url} (a path is under {@code accesspath.wechat.site-url}), a
 * {@code click} action sends its {@code key} to the callback. A menu WeChat would refuse
 * fails the start, naming what is wrong, rather than being refused at every push.
 *
 * @param enabled push the menu (off: the menu stays as WeChat has it)
 * @param buttons the menu, left to right
 * @param retryEvery how soon a replica whose push failed (WeChat down) tries again
 */
@Validated
@ConfigurationProperties("accesspath.wechat.menu")
public record WeChatMenuProperties(@DefaultValue("true") boolean enabled, List<Button> buttons,
		@NotNull @DurationMin(millis = 100) @DefaultValue("5m") Duration retryEvery) {

	static final int MAX_BUTTONS = 3;

	static final int MAX_ACTIONS_IN_GROUP = 5;

	static final int MAX_BUTTON_NAME_BYTES = 16;

	static final int MAX_GROUPED_NAME_BYTES = 60;

	static final int MAX_KEY_BYTES = 128;

	static final int MAX_URL_BYTES = 1024;

	public WeChatMenuProperties {
		buttons = (buttons != null) ? List.copyOf(buttons) : List.of();
		List<String> problems = problems(enabled, buttons);
		if (!problems.isEmpty()) {
			throw new IllegalArgumentException("WeChat would refuse this menu: " + String.join("; ", problems) + ".");
		}
	}

	/** What WeChat does when the action is chosen. */
	public enum ActionType {

		/** Opens a web page. */
		VIEW,
		/** Sends a CLICK event with the action's key to the callback. */
		CLICK

	}

	/** What a button and an action in a group have in common. */
	interface Action {

		String name();

		ActionType type();

		String url();

		String key();

	}

	/**
	 * A button of the menu bar: an action, or a group ({@code sub-buttons}) with a name
	 * only.
	 */
	public record Button(String name, ActionType type, String url, String key,
			List<GroupedAction> subButtons) implements Action {

		public Button {
			subButtons = (subButtons != null) ? List.copyOf(subButtons) : List.of();
		}

	}

	/** An action in a button's group. */
	public record GroupedAction(String name, ActionType type, String url, String key) implements Action {

	}

	private static List<String> problems(boolean enabled, List<Button> buttons) {
		List<String> problems = new ArrayList<>();
		if (buttons.isEmpty()) {
			if (enabled) {
				problems.add("buttons: none configured (set accesspath.wechat.menu.enabled=false to leave the menu"
						+ " as WeChat has it)");
			}
			return problems;
		}
		if (buttons.size() > MAX_BUTTONS) {
			problems.add("buttons: " + buttons.size() + " buttons, at most " + MAX_BUTTONS);
		}
		for (int i = 0; i < buttons.size(); i++) {
			Button button = buttons.get(i);
			String at = "buttons[" + i + "]";
			if (button == null) {
				problems.add(at + ": empty");
				continue;
			}
			checkName(problems, at, button.name(), MAX_BUTTON_NAME_BYTES);
			if (button.subButtons().isEmpty()) {
				checkAction(problems, at, button);
				continue;
			}
			if (button.type() != null || button.url() != null || button.key() != null) {
				problems.add(at + ": a button with sub-buttons has a name only (no type, url or key)");
			}
			if (button.subButtons().size() > MAX_ACTIONS_IN_GROUP) {
				problems.add(at + ".sub-buttons: " + button.subButtons().size() + " actions, at most "
						+ MAX_ACTIONS_IN_GROUP);
			}
			for (int j = 0; j < button.subButtons().size(); j++) {
				GroupedAction action = button.subButtons().get(j);
				String actionAt = at + ".sub-buttons[" + j + "]";
				if (action == null) {
					problems.add(actionAt + ": empty");
					continue;
				}
				checkName(problems, actionAt, action.name(), MAX_GROUPED_NAME_BYTES);
				checkAction(problems, actionAt, action);
			}
		}
		return problems;
	}

	private static void checkName(List<String> problems, String at, String name, int maxBytes) {
		if (name == null || name.isBlank()) {
			problems.add(at + ".name: missing");
		}
		else if (hasControlCharacter(name)) {
			problems.add(at + ".name: contains a control character");
		}
		else if (bytes(name) > maxBytes) {
			problems.add(at + ".name: '" + name + "' is " + bytes(name) + " bytes (UTF-8), at most " + maxBytes);
		}
	}

	private static void checkAction(List<String> problems, String at, Action action) {
		if (action.type() == null) {
			problems.add(at + ".type: missing (view or click, or sub-buttons instead)");
			return;
		}
		switch (action.type()) {
			case VIEW -> {
				if (action.key() != null) {
					problems.add(at + ".key: a view action opens its url and takes no key");
				}
				String url = action.url();
				if (url == null || url.isBlank()) {
					problems.add(at + ".url: a view action needs a url");
				}
				else if (hasControlCharacter(url) || url.contains(" ") || url.contains("\\")
						|| !(url.matches("https?://[^/?#@]+([/?#].*)?") || url.matches("/(?!/).*"))) {
					problems.add(at + ".url: '" + url
							+ "' is neither an absolute http(s) URL nor a path of the site (starting with one /)");
				}
				else if (bytes(url) > MAX_URL_BYTES) {
					problems.add(at + ".url: " + bytes(url) + " bytes, at most " + MAX_URL_BYTES);
				}
			}
			case CLICK -> {
				if (action.url() != null) {
					problems.add(at + ".url: a click action sends its key and takes no url");
				}
				String key = action.key();
				if (key == null || key.isBlank()) {
					problems.add(at + ".key: a click action needs a key");
				}
				else if (hasControlCharacter(key)) {
					problems.add(at + ".key: contains a control character");
				}
				else if (bytes(key) > MAX_KEY_BYTES) {
					problems.add(at + ".key: " + bytes(key) + " bytes, at most " + MAX_KEY_BYTES);
				}
			}
		}
	}

	static int bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8).length;
	}

	private static boolean hasControlCharacter(String text) {
		return text.chars().anyMatch((c) -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029');
	}

}
