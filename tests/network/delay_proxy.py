#!/usr/bin/env python3
"""A TCP proxy that delays every byte by a fixed time in each direction.

    delay_proxy.py --listen=127.0.0.1 --upstream=HOST:PORT --delay_ms=100

Listens on a free port of --listen, prints "delay_proxy listening on
HOST:PORT" once it accepts, and forwards each connection to --upstream.
Every chunk read from one side is written to the other --delay_ms after it
arrived, in order, so the link gets that one-way latency and no bandwidth
limit (this kernel has no netem qdisc; network_faults_test.py runs the proxy
in the client's network namespace). Connection setup itself is not delayed.
Runs until SIGTERM or SIGINT.
"""

import argparse
import asyncio
import signal
import sys

CHUNK = 65536


async def pump(reader, writer, delay):
    """Copies reader to writer, each chunk `delay` seconds after it arrived;
    an end of stream is passed on (half-close) just as late."""
    loop = asyncio.get_running_loop()
    queue = asyncio.Queue()

    async def read():
        try:
            while True:
                data = await reader.read(CHUNK)
                await queue.put((loop.time() + delay, data))
                if not data:
                    return
        except (ConnectionError, OSError):
            await queue.put((loop.time() + delay, b""))

    reading = asyncio.create_task(read())
    try:
        while True:
            due, data = await queue.get()
            wait = due - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            if not data:
                if writer.can_write_eof():
                    writer.write_eof()
                return
            writer.write(data)
            await writer.drain()
    finally:
        reading.cancel()


async def serve(arguments):
    host, _, port = arguments.upstream.rpartition(":")
    delay = arguments.delay_ms / 1000.0

    async def handle(client_reader, client_writer):
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection(host, int(port))
        except OSError:
            client_writer.close()
            return
        try:
            await asyncio.gather(pump(client_reader, upstream_writer, delay),
                                 pump(upstream_reader, client_writer, delay),
                                 return_exceptions=True)
        except asyncio.CancelledError:
            pass  # the proxy is stopping
        finally:
            for writer in (client_writer, upstream_writer):
                writer.close()

    server = await asyncio.start_server(handle, arguments.listen, 0)
    address = server.sockets[0].getsockname()
    print(f"delay_proxy listening on {address[0]}:{address[1]}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    async with server:
        await stop.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listen", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--upstream", required=True, help="HOST:PORT to forward to")
    parser.add_argument("--delay_ms", type=float, required=True, help="one-way delay")
    arguments = parser.parse_args()
    if arguments.delay_ms < 0 or ":" not in arguments.upstream:
        parser.error("--delay_ms must be >= 0 and --upstream HOST:PORT")
    asyncio.run(serve(arguments))
    return 0


if __name__ == "__main__":
    sys.exit(main())
