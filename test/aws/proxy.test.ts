import { describe, expect, it } from 'vitest';
import { bypassesProxy, proxyFor, proxySettingsOf } from '../../src/aws/proxy.js';
import { InputError } from '../../src/errors.js';

describe('proxy settings', () => {
  it('reads HTTPS_PROXY, HTTP_PROXY and NO_PROXY in either case, upper case first', () => {
    const s = proxySettingsOf({
      HTTPS_PROXY: 'http://proxy.corp:3128',
      http_proxy: 'proxy.corp:8080',
      no_proxy: 'localhost, .internal ,10.0.0.1:8443',
    });
    expect(s.https?.href).toBe('http://proxy.corp:3128/');
    expect(s.http?.href).toBe('http://proxy.corp:8080/');
    expect(s.noProxy).toEqual(['localhost', '.internal', '10.0.0.1:8443']);
    expect(proxySettingsOf({ HTTPS_PROXY: 'http://a:1', https_proxy: 'http://b:2' }).https?.host).toBe('a:1');
  });

  it('has no proxy when none is set', () => {
    expect(proxySettingsOf({})).toEqual({ noProxy: [] });
    expect(proxyFor(proxySettingsOf({}), 'https:', 'ec2.us-east-1.amazonaws.com', 443)).toBeUndefined();
  });

  it('rejects a proxy URL it cannot use as an input error naming the variable', () => {
    expect(() => proxySettingsOf({ HTTPS_PROXY: 'socks5://p:1080' })).toThrow(InputError);
    expect(() => proxySettingsOf({ HTTPS_PROXY: 'socks5://p:1080' })).toThrow(/HTTPS_PROXY: socks5: proxies/);
    expect(() => proxySettingsOf({ HTTP_PROXY: 'http://[bad' })).toThrow(/HTTP_PROXY: .* is not a proxy URL/);
  });

  it('NO_PROXY matches hosts, domains with their subdomains, ports and *', () => {
    const list = ['localhost', '.internal', 'corp.example', '10.0.0.1:8443'];
    expect(bypassesProxy(list, 'localhost', 80)).toBe(true);
    expect(bypassesProxy(list, 'ec2.internal', 443)).toBe(true);
    expect(bypassesProxy(list, 'internal', 443)).toBe(true);
    expect(bypassesProxy(list, 'a.b.corp.example', 443)).toBe(true);
    expect(bypassesProxy(list, 'notcorp.example', 443)).toBe(false);
    expect(bypassesProxy(list, '10.0.0.1', 8443)).toBe(true);
    expect(bypassesProxy(list, '10.0.0.1', 443)).toBe(false);
    expect(bypassesProxy(list, 'ec2.us-east-1.amazonaws.com', 443)).toBe(false);
    expect(bypassesProxy(['*'], 'anything', 1)).toBe(true);
    expect(bypassesProxy(['*.amazonaws.com'], 'sts.amazonaws.com', 443)).toBe(true);
  });

  it('picks the proxy of the target scheme unless NO_PROXY exempts the host', () => {
    const s = proxySettingsOf({
      HTTPS_PROXY: 'http://s:1',
      HTTP_PROXY: 'http://p:2',
      NO_PROXY: 'sts.amazonaws.com',
    });
    expect(proxyFor(s, 'https:', 'ec2.amazonaws.com', 443)?.host).toBe('s:1');
    expect(proxyFor(s, 'http:', '127.0.0.1', 4566)?.host).toBe('p:2');
    expect(proxyFor(s, 'https:', 'sts.amazonaws.com', 443)).toBeUndefined();
  });
});
