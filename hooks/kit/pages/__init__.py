"""Pages: which pages the data makes (plan.py) and their bodies, rendered from
overrides/content/ with the filters, charts and QR codes the templates use."""
