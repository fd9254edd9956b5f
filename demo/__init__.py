"""The demo (README, "Walk the story in the demo"): one command, ``load_demo``, that loads every
app's demo data in the story's order. It sits above every app (last in INSTALLED_APPS): each app
owns its own ``demo.py``; only this command knows them all."""
