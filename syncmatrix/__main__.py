import sys

from syncmatrix.cli import main

sys.exit(main())
