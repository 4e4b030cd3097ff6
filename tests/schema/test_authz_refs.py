"""Every mutation input field that can name a record declares whose it is, and a
borrower's write naming someone else's record (a global id, a kycToken, an
integer leadId, an email) is refused before any provider call."""

from __future__ import annotations

from typing import Any

import strawberry
from graphql import GraphQLObjectType
from strawberry.scalars import JSON

from schema.authz_refs import declarations, input_types, undeclared
from schema.common import Node
from schema.refs import Ref
from tests.schema.conftest import Gql, the_schema
from tests.schema.test_authz_isolation import STAFF, Person, codes, discover

WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def mutation_fields() -> dict[str, Any]:
    mutation = the_schema()._schema.mutation_type
    assert isinstance(mutation, GraphQLObjectType)
    return dict(mutation.fields)


def test_every_mutation_input_field_that_can_name_a_record_declares_its_owner() -> None:
    fields = mutation_fields()
    missing = [name for field in fields.values() for name in undeclared(field)]
    assert missing == [], f"input fields naming a record with no owner declaration: {missing}"
    refs = [
        d
        for field in fields.values()
        for t in input_types(field)
        for d in declarations(t).values()
        if isinstance(d, Ref)
    ]
    kinds = {d.kind for d in refs}
    assert {"Account", "KycCheck", "Lead", "Person", "Application", "Borrower"} <= kinds
    # every reference has an owner rule: its own, or its Node type's (or it is an email)
    ruleless = {
        d.kind
        for d in refs
        if d.owned is None and d.kind != "Person" and Node.type_named(d.kind) is None
    }
    assert ruleless == set(), f"declared kinds without an owner rule: {ruleless}"


@strawberry.input
class Careless:
    friend_id: strawberry.ID
    kyc_token: str
    lead_id: int
    extra: JSON
    note: str


@strawberry.type
class Query:
    ok: bool = True


@strawberry.type
class CarelessMutation:
    @strawberry.mutation
    def careless(self, input: Careless) -> bool:
        return bool(input)


def test_the_walker_fails_on_a_reference_field_without_a_declaration() -> None:
    schema = strawberry.Schema(Query, mutation=CarelessMutation)
    mutation = schema._schema.mutation_type
    assert mutation is not None
    assert sorted(undeclared(mutation.fields["careless"])) == [
        "Careless.extra",
        "Careless.friendId",
        "Careless.kycToken",
        "Careless.leadId",
    ]


def writes(gql: Gql) -> int:
    return sum(
        count
        for routes in gql.sandbox.stats().values()
        for route, count in routes.items()
        if route.split(" ")[0] in WRITES
    )


ANSWER = """mutation($input: AnswerKycQuestionsInput!) {
  answerKycQuestions(input: $input) { kyc { token } userErrors { field code } } }"""
UPLOAD = """mutation($input: UploadKycDocumentInput!) {
  uploadKycDocument(input: $input) { document { name } userErrors { field code } } }"""
PDF = "JVBERi0xLjQKJcfsj6IKMSAwIG9iago8PD4+CmVuZG9iagp0cmFpbGVyCjw8Pj4KJSVFT0YK"


async def kyc_token_of(gql: Gql, person: Person) -> str:
    """A Finos user's kycToken, read as staff through the user's account."""
    account = sorted(person.accounts)[0]
    data = await gql.execute(
        "query($id: ID!) { account(id: $id) { holder { emailAddress kycToken } "
        "jointMember { emailAddress kycToken } } }",
        {"id": account},
        caller=STAFF,
    )
    assert data.errors is None and data.data is not None
    account_data = data.data["account"]
    for holder in (account_data["holder"], account_data["jointMember"]):
        if holder and holder["emailAddress"].lower() == person.email and holder["kycToken"]:
            token: str = holder["kycToken"]
            return token
    raise LookupError(person.email)


async def test_a_kyc_token_of_another_person_is_refused_before_any_call(gql: Gql) -> None:
    a, b = await discover(gql)
    theirs = await kyc_token_of(gql, a)
    gql.sandbox.clear_stats()
    answers = {"kycToken": theirs, "answers": [{"questionId": 1, "answerId": 1}]}
    result = await gql.execute(ANSWER, {"input": answers}, caller=b.caller("*"))
    assert codes(result) == ["NOT_FOUND"] and result.data is None
    assert (result.errors or [])[0].message == f"No object has the id {theirs!r}."
    document = {"kycToken": theirs, "name": "id", "type": "PASSPORT", "contentBase64": PDF}
    upload = await gql.execute(UPLOAD, {"input": document}, caller=b.caller("*"))
    assert codes(upload) == ["NOT_FOUND"] and upload.data is None
    assert writes(gql) == 0
    # the same token is the owner's to use: past the check (Finos then answers)
    own = await gql.execute(ANSWER, {"input": answers}, caller=a.caller("*"))
    assert "NOT_FOUND" not in codes(own) and own.data is not None


CUSTOMIZED_LINK = """mutation($input: CreateCustomizedLinkInput!) {
  createCustomizedLink(input: $input) { userErrors { field code } } }"""


async def lead_of(gql: Gql, person: Person) -> int:
    data = await gql.execute(
        "query($id: ID!) { loan(id: $id) { leadId } }", {"id": person.loans[0]}, caller=STAFF
    )
    assert data.errors is None and data.data is not None
    lead: int = data.data["loan"]["leadId"]
    return lead


async def test_another_borrowers_integer_lead_id_is_refused_before_any_call(gql: Gql) -> None:
    a, b = await discover(gql)
    theirs = await lead_of(gql, a)
    gql.sandbox.clear_stats()
    for link in (
        {"leadId": theirs},
        {"leadId": await lead_of(gql, b), "customParams": {"leadId": theirs}},
    ):
        result = await gql.execute(CUSTOMIZED_LINK, {"input": link}, caller=b.caller("*"))
        assert codes(result) == ["NOT_FOUND"] and result.data is None
    smuggled = {"leadId": await lead_of(gql, b), "customParams": {"extra": {"lead_id": theirs}}}
    result = await gql.execute(CUSTOMIZED_LINK, {"input": smuggled}, caller=b.caller("*"))
    assert codes(result) == ["FORBIDDEN"]
    assert writes(gql) == 0


JOINT = """{ accounts(first: 100) { edges { node { id
  holder { emailAddress kycToken } jointMember { emailAddress kycToken } } } } }"""


async def test_a_joint_account_does_not_show_the_co_holders_kyc_token(gql: Gql) -> None:
    staff = await gql.execute(JOINT, caller=STAFF)
    assert staff.errors is None and staff.data is not None
    joint = next(
        e["node"]
        for e in staff.data["accounts"]["edges"]
        if e["node"]["jointMember"] and e["node"]["holder"]["kycToken"]
    )
    member = joint["jointMember"]["emailAddress"].lower()
    caller = Person(member).caller()
    seen = await gql.execute(
        "query($id: ID!) { account(id: $id) { holder { emailAddress kycToken } } }",
        {"id": joint["id"]},
        caller=caller,
    )
    assert seen.errors is None and seen.data is not None
    assert seen.data["account"]["holder"] == {
        "emailAddress": joint["holder"]["emailAddress"],
        "kycToken": None,
    }
    token = joint["holder"]["kycToken"]
    gql.sandbox.clear_stats()
    answers = {"kycToken": token, "answers": [{"questionId": 1, "answerId": 1}]}
    used = await gql.execute(ANSWER, {"input": answers}, caller=Person(member).caller("*"))
    assert codes(used) == ["NOT_FOUND"] and writes(gql) == 0


async def test_a_borrowers_own_application_lists_its_applicants_with_the_co_applicant(
    gql: Gql,
) -> None:
    a, _ = await discover(gql)
    shared = a.application("finmo", shared=True)
    query = """query($id: ID!) { application(id: $id) {
      applicants { email borrower { email } } } }"""
    mine = await gql.execute(query, {"id": shared}, caller=a.caller())
    staff = await gql.execute(query, {"id": shared}, caller=STAFF)
    assert mine.errors is None and mine.data is not None and staff.data is not None
    applicants = mine.data["application"]["applicants"]
    assert applicants == staff.data["application"]["applicants"] and len(applicants) > 1
