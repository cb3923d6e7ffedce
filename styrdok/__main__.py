import sys

from styrdok.cli import main

sys.exit(main())
