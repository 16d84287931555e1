"""`python -m sakip_xl` (`py -m sakip_xl` on Windows): the same as the `sakip-xl` command."""
from sakip_xl.cli import run

run()
