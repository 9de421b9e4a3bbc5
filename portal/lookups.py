"""`in` on an integer column without the numbers the column cannot hold.

A form posting 2**70 as a party's id (ModelMultipleChoiceField looks its values up with
`pk__in`) sent the number to the database: OverflowError on SQLite, "bigint out of range"
on PostgreSQL, a 500. Django leaves out-of-range numbers out of exact, gt, gte, lt and lte
lookups (ticket #27397) but not out of `in`; such a number matches no row, so it is left
out here too, and a list of nothing but such numbers finds nothing.
"""

from django.db.models import IntegerField
from django.db.models.lookups import In


@IntegerField.register_lookup
class IntegerIn(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(
                self.lhs.output_field.get_internal_type()
            )
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)
