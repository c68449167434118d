from syncmatrix.cli import run

run()
