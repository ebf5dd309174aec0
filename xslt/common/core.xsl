<?xml version="1.0" encoding="UTF-8"?>
<!-- Shared layer, entry point: every module of xslt/common/ in one import.  web/document.xsl and
     print/text.xsl import this (after their own fallback for unknown elements, before their looks),
     so the precedence is: fallback < common (meaning) < web or print (looks) < a user's stylesheet. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0" exclude-result-prefixes="tei">
  <xsl:import href="numbering.xsl"/>
  <xsl:import href="entities.xsl"/>
  <xsl:import href="apparatus.xsl"/>
  <xsl:import href="dates.xsl"/>
  <xsl:import href="notes.xsl"/>
  <xsl:import href="plain.xsl"/>
  <xsl:import href="mentions.xsl"/>
  <xsl:import href="editorial.xsl"/>
  <xsl:import href="structure.xsl"/>
</xsl:stylesheet>
