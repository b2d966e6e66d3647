"""The bench's Python peer: asyncio + aiohttp with a semaphore, like the tutorial's asyncio version.

Usage: python3 aiohttp_fetch.py URL_FILE CONCURRENCY REPEATS   (prints one line per run: its wall
time, and the CPU time this whole process spent on it, every thread's, user and system)
"""
import asyncio
import hashlib
import sys
import time

import aiohttp


async def fetch(session, semaphore, url):
    async with semaphore:
        async with session.get(url) as response:
            digest = hashlib.sha256()
            async for chunk in response.content.iter_chunked(65536):
                digest.update(chunk)
            return response.status, digest.hexdigest()


async def run(urls, concurrency):
    semaphore = asyncio.Semaphore(concurrency)
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:
        start = time.perf_counter()
        cpu_start = time.process_time()
        results = await asyncio.gather(*(fetch(session, semaphore, url) for url in urls))
        elapsed = time.perf_counter() - start
        cpu = time.process_time() - cpu_start
    ok = sum(1 for status, _ in results if 200 <= status < 300)
    print(f"seconds={elapsed:.3f} ok={ok} failed={len(results) - ok} cpu={cpu:.3f}", flush=True)


def main():
    urls = [line.strip() for line in open(sys.argv[1]) if line.strip()]
    for _ in range(int(sys.argv[3])):
        asyncio.run(run(urls, int(sys.argv[2])))


if __name__ == "__main__":
    main()
