package com.accesspath.gateway.clientaddress;

import java.util.Arrays;
import java.util.List;

import io.netty.util.NetUtil;

/**
 * The proxies whose forwarding headers the gateway believes: addresses and CIDR ranges,
 * IPv4 and IPv6. Addresses are parsed as literals only (never resolved: a header value
 * must not make the gateway look up a name).
 */
public final class TrustedProxies {

	private record Range(byte[] network, int prefixBits) {

		boolean contains(byte[] address) {
			if (address.length != this.network.length) {
				return false;
			}
			int fullBytes = this.prefixBits / 8;
			for (int i = 0; i < fullBytes; i++) {
				if (address[i] != this.network[i]) {
					return false;
				}
			}
			int remainingBits = this.prefixBits % 8;
			if (remainingBits == 0) {
				return true;
			}
			int mask = (0xFF << (8 - remainingBits)) & 0xFF;
			return (address[fullBytes] & mask) == (this.network[fullBytes] & mask);
		}

	}

	private final List<Range> ranges;

	private TrustedProxies(List<Range> ranges) {
		this.ranges = ranges;
	}

	/**
	 * @param entries addresses ({@code 10.0.0.7}) or ranges ({@code 10.0.0.0/8},
	 * {@code fd00::/8}); blank entries are ignored
	 * @throws IllegalArgumentException for an entry that is neither, so a typo fails the
	 * start rather than trusting nobody (or everybody) silently
	 */
	public static TrustedProxies of(List<String> entries) {
		return new TrustedProxies(entries.stream()
			.map(String::strip)
			.filter(entry -> !entry.isEmpty())
			.map(TrustedProxies::range)
			.toList());
	}

	public boolean isEmpty() {
		return this.ranges.isEmpty();
	}

	/**
	 * Whether this literal address (IPv4 or IPv6, without port or brackets) is one of the
	 * trusted proxies.
	 */
	public boolean contains(String address) {
		byte[] bytes = parse(address);
		return bytes != null && contains(bytes);
	}

	boolean contains(byte[] address) {
		for (Range range : this.ranges) {
			if (range.contains(address)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The address's bytes (IPv4-mapped IPv6 addresses as IPv4), or null when it is not a
	 * literal address.
	 */
	static byte[] parse(String address) {
		if (address == null || address.isEmpty()) {
			return null;
		}
		byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address);
		if (bytes != null && bytes.length == 16 && isIpv4Mapped(bytes)) {
			return Arrays.copyOfRange(bytes, 12, 16);
		}
		return bytes;
	}

	private static boolean isIpv4Mapped(byte[] bytes) {
		for (int i = 0; i < 10; i++) {
			if (bytes[i] != 0) {
				return false;
			}
		}
		return bytes[10] == (byte) 0xFF && bytes[11] == (byte) 0xFF;
	}

	private static Range range(String entry) {
		int slash = entry.indexOf('/');
		String address = (slash < 0) ? entry : entry.substring(0, slash);
		byte[] network = parse(address);
		if (network == null) {
			throw new IllegalArgumentException("Not an address or CIDR range in TRUSTED_PROXIES: '" + entry + "'");
		}
		int maxBits = network.length * 8;
		int bits = maxBits;
		if (slash >= 0) {
			try {
				bits = Integer.parseInt(entry.substring(slash + 1));
			}
			catch (NumberFormatException ex) {
				bits = -1;
			}
			// An IPv4-mapped range (::ffff:10.0.0.0/104) counts its prefix within the
			// IPv4 part.
			if (address.contains(":") && network.length == 4) {
				bits -= 96;
			}
			if (bits < 0 || bits > maxBits) {
				throw new IllegalArgumentException("Not a valid prefix length in TRUSTED_PROXIES: '" + entry + "'");
			}
		}
		return new Range(network, bits);
	}

}
