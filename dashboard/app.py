"""The script Streamlit runs: `syncmatrix dashboard`, or `streamlit run dashboard/app.py`.

It only calls the page. Streamlit compiles and rewrites this script on every rerun, while imported
modules stay compiled, so the page itself lives in dashboard/page.py.
"""

import importlib.util
import sys
from pathlib import Path

if importlib.util.find_spec("kb") is None:
    # Run from a checkout that is not installed: Streamlit puts only dashboard/ on the path.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dashboard.page import main  # noqa: E402  (the path above must come first)

main()
