"""Ghost's Content and Admin APIs: integrations and their keys, NQL filters, serializers shaped
like Ghost's, webhooks, and the Ghost JSON export."""
