"""Feedback's data: the service tickets' table, its repository and its list. The module's
public API."""

from sqlalchemy import select

from app.data.customers import Customer
from app.data.feedback.bulk import FEEDBACK_BULK, link_primary_contacts
from app.data.feedback.models import OPEN, Feedback, overdue_condition
from app.data.feedback.queries import FeedbackQueries
from app.data.feedback.repository import FeedbackRepository, feedback_search_key
from app.data.kit.refs import RefTarget
from app.data.kit.registry import DataModule

__all__ = ["DATA", "FEEDBACK_BULK", "OPEN", "Feedback", "FeedbackQueries",
           "FeedbackRepository", "feedback_search_key", "link_primary_contacts",
           "overdue_condition"]

# Others refer to a ticket by its number; it counts among its customer's owner's records.
DATA = DataModule("feedback", refs={"feedback": RefTarget(
    Feedback, Feedback.number, Feedback.subject, upper=True, scope="feedback",
    owner=select(Customer.owner_id).where(Customer.id == Feedback.customer_id)
    .scalar_subquery())})
