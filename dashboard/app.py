"""The script Streamlit runs: `syncmatrix dashboard`, or `streamlit run dashboard/app.py` with syncmatrix installed.

It only calls the page. Streamlit compiles and rewrites this script on every rerun, while imported
modules stay compiled, so the page itself lives in dashboard/page.py.
"""

import streamlit as st

# However the server was started (the launcher passes it too, `streamlit run` does not): an error
# that escapes the page shows Streamlit's generic words, never its type, message or traceback, which
# name files of the server. Set before the page is imported, so that an import failure is hidden too.
st.set_option("client.showErrorDetails", "none")

from syncmatrix.dashboard.page import main  # noqa: E402  (after the option, so that an import failure is hidden too)

main()
