from __future__ import annotations
from typing import Any
from fastapi import FastAPI
from ..provider import ErrorKind, SandboxProvider
from ..people import Person, people_at
class MoloSandbox(SandboxProvider):
    name = "molo"
    def build_app(self) -> FastAPI:
        app = FastAPI()
        @app.get("/things/{thing_id}")
        async def thing(thing_id: str) -> dict[str, Any]:
            return {"id": thing_id, "n": len(self.people)}
        return app
    def reset(self, people: list[Person]) -> None:
        self.people = people_at(self.name, people)
    def error_body(self, status: int, kind: ErrorKind, message: str) -> Any:
        return {"errors": [message]}
