"""Settings for the whole test suite."""
import os
import tempfile

# Keep the record cache (survey/cache.py) of test runs out of the user's cache folder;
# subprocesses started by tests inherit it.
os.environ.setdefault("SURVEY_CACHE_DIR", tempfile.mkdtemp(prefix="survey-cache-"))
