"""The login's client address (django-axes: AXES_CLIENT_IP_CALLABLE), proxy aware.

Behind the city's reverse proxy every request comes from the proxy's address (REMOTE_ADDR), so a
lockout by address would lock every user out together. The proxy writes the address it saw into
X-Forwarded-For; a client can write anything there too. So the header is read only

- when KYODO_TRUSTED_PROXY_COUNT is more than 0 (the default 0: REMOTE_ADDR only), and
- when the request comes from one of KYODO_TRUSTED_PROXIES (addresses or networks), and then
- counting KYODO_TRUSTED_PROXY_COUNT entries from the right (each proxy appends the address it
  saw): the entries a client writes itself are on the left and never chosen.

Anything else (a header from another address, too few entries, an entry that is no address)
gives REMOTE_ADDR.
"""

import ipaddress

from django.conf import settings

_Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def trusted_networks(values: list[str]) -> list[_Network]:
    """The trusted proxies as networks (a single address is a /32 or /128); ValueError names
    a value that is neither."""
    return [ipaddress.ip_network(value.strip(), strict=False) for value in values]


def _address(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    count: int = settings.KYODO_TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    peer = _address(remote)
    networks = trusted_networks(settings.KYODO_TRUSTED_PROXIES)
    if peer is None or not any(peer in network for network in networks):
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < count:
        return remote
    chosen = _address(forwarded[-count])
    return str(chosen) if chosen is not None else remote
