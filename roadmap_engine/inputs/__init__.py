"""The files a person or a coach writes: the profile and the coach file, with the
starter profile and JSON Schemas that help write them."""
