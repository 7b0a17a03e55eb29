"""The benchmark and the load test, kept out of the installed site: an app of
their own with its own settings (``tests.bench.settings``: the site's, plus this
app and the floor page's URL). ``make bench`` and ``make loadtest`` run them."""
