"""The script Streamlit runs: `syncmatrix dashboard`, or `streamlit run dashboard/app.py`.

It only calls the page. Streamlit compiles and rewrites this script on every rerun, while imported
modules stay compiled, so the page itself lives in dashboard/page.py.
"""

import importlib.util
import sys
from pathlib import Path

import streamlit as st

# However the server was started (the launcher passes it too, `streamlit run` does not): an error
# that escapes the page shows Streamlit's generic words, never its type, message or traceback, which
# name files of the server. Set before the page is imported, so that an import failure is hidden too.
st.set_option("client.showErrorDetails", "none")

if importlib.util.find_spec("kb") is None:
    # Run from a checkout that is not installed: Streamlit puts only dashboard/ on the path.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dashboard.page import main  # noqa: E402  (the path above must come first)

main()
