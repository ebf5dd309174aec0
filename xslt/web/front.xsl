<?xml version="1.0" encoding="UTF-8"?>
<!-- The edition's front matter (introduction, editorial principles: text/front/div of the file
     named by [edition] introduction in edition.toml) as HTML sections for the home page.

     Output root: <div class="front">, one <section> per front/div with its head as <h2>.
     Inline elements are those of the documents (document.xsl and xslt/common/): names link to
     the register, external references are http(s) only, and nothing is copied through. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0" exclude-result-prefixes="tei">

  <xsl:import href="document.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" omit-xml-declaration="yes" indent="no"/>

  <!-- The home page sits at the root of the site -->
  <xsl:param name="register-base" select="'register/'"/>
  <xsl:param name="timeline" select="'timeline.html'"/>

  <xsl:template match="/">
    <div class="front">
      <xsl:apply-templates select="/tei:TEI/tei:text/tei:front/tei:div"/>
    </div>
  </xsl:template>

  <xsl:template match="tei:front/tei:div">
    <xsl:variable name="type"><xsl:call-template name="token"><xsl:with-param name="value" select="@type"/></xsl:call-template></xsl:variable>
    <xsl:variable name="id" select="concat('front-', count(preceding-sibling::tei:div) + 1)"/>
    <section class="front-div type-{$type}" id="{$id}">
      <xsl:if test="tei:head">
        <xsl:attribute name="aria-labelledby"><xsl:value-of select="concat($id, '-h')"/></xsl:attribute>
        <h2 id="{$id}-h"><xsl:apply-templates select="tei:head[1]/node()"/></h2>
      </xsl:if>
      <xsl:apply-templates select="*[not(self::tei:head)]"/>
    </section>
  </xsl:template>

  <xsl:template match="tei:front/tei:div//tei:div">
    <section class="front-div">
      <xsl:if test="tei:head"><h3><xsl:apply-templates select="tei:head[1]/node()"/></h3></xsl:if>
      <xsl:apply-templates select="*[not(self::tei:head)]"/>
    </section>
  </xsl:template>

  <!-- Titles of works, as in a bibliography -->
  <xsl:template match="tei:title">
    <cite><xsl:apply-templates/></cite>
  </xsl:template>

</xsl:stylesheet>
