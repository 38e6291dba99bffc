"""`eventwire watch`: follow news feeds and code their new items into the store as they publish.

`Watcher(store, urls, WatchOptions(...)).run()` runs rounds until stopped; `run_round()` runs one.
The feeds' state (validators, failures, items taken) lives in the store's database, so a restart
resumes where the last run stopped.
"""

from .http import USER_AGENT, Fetcher, FetchError
from .items import MalformedFeed, parse_feed
from .rounds import RoundSummary, Watcher, WatchOptions
from .sources import BadFeedList, feed_urls
from .state import FeedState, FeedStatus

__all__ = [
    "USER_AGENT",
    "BadFeedList",
    "FeedState",
    "FeedStatus",
    "FetchError",
    "Fetcher",
    "MalformedFeed",
    "RoundSummary",
    "WatchOptions",
    "Watcher",
    "feed_urls",
    "parse_feed",
]
