"""Who is at the other end. X-Forwarded-For (and X-Forwarded-Proto) and X-On-Behalf-Of are
believed only from the proxies of MELDPUNT_API_TRUSTED_PROXIES (addresses or networks); from
anyone else they would let a client write what it likes into the access log.

uvicorn's ProxyHeadersMiddleware puts the forwarded client in the place of a trusted proxy
(the rightmost address that is not itself a trusted proxy). Before it does, `FromProxy` notes
whether the request came through one, for the gate to take X-On-Behalf-Of from it or not."""

from ipaddress import IPv4Network, IPv6Network, ip_address, ip_network

from fastapi import Request
from starlette.types import ASGIApp, Receive, Scope, Send

Network = IPv4Network | IPv6Network


def networks(proxies: list[str]) -> list[Network]:
    """The configured proxies as networks (an address is a network of one); ValueError names a
    wrong one."""
    return [ip_network(proxy.strip(), strict=False) for proxy in proxies]


class FromProxy:
    def __init__(self, app: ASGIApp, proxies: list[str]) -> None:
        self.app = app
        self.proxies = networks(proxies)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            peer = (scope.get("client") or ("",))[0]
            scope.setdefault("state", {})["through_proxy"] = self._trusted(peer)
        await self.app(scope, receive, send)

    def _trusted(self, peer: str) -> bool:
        return trusted(peer, self.proxies)


def trusted(peer: str, proxies: list[Network]) -> bool:
    """Whether the peer address is one of the proxies."""
    try:
        address = ip_address(peer)
    except ValueError:  # no address at all (a test client, a unix socket)
        return False
    return any(address in network for network in proxies)


def through_proxy(request: Request) -> bool:
    """Whether the request came through a configured proxy."""
    return bool(getattr(request.state, "through_proxy", False))
